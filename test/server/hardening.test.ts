import { afterEach, describe, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import type { ParleyServer } from '../../server'
import { joinAs, makeDataDir, newToken, startServer, waitForEvent, type TestClient } from '../helpers/server'
import { request } from '../helpers/request'

describe('limits, password, origins and shutdown', () => {
  let server: ParleyServer | undefined
  let data: ReturnType<typeof makeDataDir>
  const clients: TestClient[] = []
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await server?.close()
    server = undefined
    data.remove()
  })

  it('answers a flood with RATE_LIMITED and a retryAfterMs, and serves the sender again afterwards', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const { client } = await joinAs(server.url, 'Ann')
    clients.push(client)
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => request(client, 'message:send', { roomId: 'general', text: `flood ${i}` })),
    )
    const limited = results.filter((result) => 'error' in result && result.error === 'RATE_LIMITED')
    expect(limited.length).toBeGreaterThan(0)
    expect(limited[0]).toEqual({
      error: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many requests: wait \d+ ms$/),
      retryAfterMs: expect.any(Number),
    })
    const stored = results.filter((result) => 'data' in result)
    const page = await request(client, 'message:history', { roomId: 'general', limit: 100 })
    // Exactly what was acknowledged was stored; nothing refused slipped in.
    expect('data' in page && page.data.messages.length).toBe(stored.length)
    const retryAfter = (limited[0] as { retryAfterMs: number }).retryAfterMs
    await new Promise((resolve) => setTimeout(resolve, retryAfter))
    await expect
      .poll(async () => 'data' in (await request(client, 'message:send', { roomId: 'general', text: 'later' })))
      .toBe(true)
  })

  it('requires the password when one is set, throttles wrong guesses, and lets the right one in', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir, password: 'open sesame' })
    const attempt = (password?: string) =>
      new Promise<{ ok: true } | { ok: false; message: string; code: string }>((resolve) => {
        const client = io(server!.url, {
          reconnection: false,
          forceNew: true,
          auth: password === undefined ? {} : { password },
        })
        clients.push(client)
        client.once('connect', () => resolve({ ok: true }))
        client.once('connect_error', (error: Error & { data?: { code: string } }) =>
          resolve({ ok: false, message: error.message, code: error.data?.code ?? '' }),
        )
      })
    expect(await attempt()).toEqual({ ok: false, message: 'This server needs a password', code: 'PASSWORD_REQUIRED' })
    expect(await attempt('open sesame')).toEqual({ ok: true })
    for (let i = 0; i < 5; i++)
      expect(await attempt(`guess ${i}`)).toEqual({ ok: false, message: 'Wrong password', code: 'WRONG_PASSWORD' })
    expect(await attempt('open sesame')).toEqual({
      ok: false,
      message: expect.stringMatching(/^Too many wrong passwords: try again in \d+ s$/),
      code: 'TOO_MANY_ATTEMPTS',
    })
  })

  it('refuses browsers from other origins on both transports, and allows its own page and the desktop app', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const handshake = (origin: string) =>
      fetch(`${server!.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } }).then((r) => r.status)
    expect(await handshake('http://evil.example')).toBe(403)
    expect(await handshake(server.url)).toBe(200)
    expect(await handshake('parley://app')).toBe(200)

    const { WebSocket } = await import('ws')
    const wsStatus = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${server!.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, {
          origin,
        })
        socket.on('open', () => {
          socket.close()
          resolve(101)
        })
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        socket.on('error', () => {})
      })
    // engine.io refuses upgrades with a plain 400.
    expect(await wsStatus('http://evil.example')).toBe(400)
    expect(await wsStatus(server.url)).toBe(101)
  })

  it('sends CORS headers only to the origins it lets in, in lab mode too', async () => {
    data = makeDataDir()
    const corsFor = async (url: string, origin: string, method = 'GET') => {
      const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
        method,
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      })
      return response.headers.get('access-control-allow-origin')
    }
    server = await startServer({ dataDir: data.dir })
    expect(await corsFor(server.url, 'parley://app')).toBe('parley://app')
    expect(await corsFor(server.url, server.url)).toBe(server.url)
    expect(await corsFor(server.url, 'http://evil.example')).toBeNull()
    expect(await corsFor(server.url, `http://127.0.0.1:${server.port + 1}`)).toBeNull()
    await server.close()

    // Lab mode adds this host on other ports (the links), and nothing else.
    server = await startServer({ dataDir: data.dir, lab: true })
    const link = `http://127.0.0.1:${server.port + 1}`
    for (const method of ['GET', 'OPTIONS']) {
      expect(await corsFor(server.url, link, method)).toBe(link)
      expect(await corsFor(server.url, 'http://evil.example', method)).toBeNull()
      expect(await corsFor(server.url, 'http://localhost.evil.example', method)).toBeNull()
    }
  })

  it('tells clients it is restarting before it stops, and keeps every acknowledged message', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const { client: onWebsocket } = await joinAs(server.url, 'Ann')
    const onPolling = io(server.url, { reconnection: false, forceNew: true, transports: ['polling'] })
    clients.push(onWebsocket, onPolling)
    await request(onPolling, 'session:join', { name: 'Bob', token: newToken() })
    const acked = await request(onWebsocket, 'message:send', { roomId: 'general', text: 'kept' })
    const notices = [waitForEvent(onWebsocket, 'server:shutdown'), waitForEvent(onPolling, 'server:shutdown')]
    const port = server.port
    await server.close()
    expect((await notices[0]!)[0]).toEqual({ reason: 'The server is restarting' })
    expect((await notices[1]!)[0]).toEqual({ reason: 'The server is restarting' })

    server = await startServer({ dataDir: data.dir, port })
    const { client } = await joinAs(server.url, 'Cy')
    clients.push(client)
    expect(await request(client, 'message:history', { roomId: 'general' })).toEqual({
      data: { messages: ['data' in acked && acked.data], hasMore: false, rev: 0 },
    })
  })

  it('catches up with an after cursor, oldest first, page by page', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const { client } = await joinAs(server.url, 'Ann')
    clients.push(client)
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      const sent = await request(client, 'message:send', { roomId: 'general', text: `m${i}` })
      if ('data' in sent) ids.push(sent.data.id)
    }
    const page = await request(client, 'message:history', { roomId: 'general', after: ids[1], limit: 2 })
    expect('data' in page && [page.data.messages.map((m) => m.text), page.data.hasMore]).toEqual([['m2', 'm3'], true])
    const rest = await request(client, 'message:history', { roomId: 'general', after: ids[3], limit: 2 })
    expect('data' in rest && [rest.data.messages.map((m) => m.text), rest.data.hasMore]).toEqual([['m4'], false])
    expect(await request(client, 'message:history', { roomId: 'general', after: 1, before: 9 })).toMatchObject({
      error: 'INVALID_PAYLOAD',
      message: 'Use before or after, not both',
    })
  })
})
