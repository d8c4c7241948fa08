import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { DESKTOP_APP_ORIGIN, type HealthReport } from '../../protocol'
import type { ParleyServer } from '../../server'
import { joinAs, makeDataDir, startServer } from '../helpers/server'
import { request } from '../helpers/request'

describe('HTTP', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  it('serves the built web client at / with a strict CSP, and never files outside it', async () => {
    data = makeDataDir()
    const webRoot = join(data.dir, 'web')
    mkdirSync(join(webRoot, 'assets'), { recursive: true })
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Parley</title>')
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(data.dir, 'secret.txt'), 'secret')
    server = await startServer({ dataDir: join(data.dir, 'db'), webRoot })

    const index = await fetch(`${server.url}/`)
    expect(index.status).toBe(200)
    expect(await index.text()).toContain('<title>Parley</title>')
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(index.headers.get('x-content-type-options')).toBe('nosniff')
    const script = await fetch(`${server.url}/assets/app.js`)
    expect(script.headers.get('content-type')).toMatch(/javascript/)

    const escape = await fetch(`${server.url}/..%2fsecret.txt`)
    expect(await escape.text()).not.toContain('secret')
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405)
  })

  it('sends the build’s compressed copies to browsers that take them, and lets them keep hashed files for good', async () => {
    data = makeDataDir()
    const webRoot = join(data.dir, 'web')
    mkdirSync(join(webRoot, 'assets'), { recursive: true })
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Parley</title>')
    const script = 'console.log("the web client");\n'.repeat(100)
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), script)
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js.br'), brotliCompressSync(script))
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js.gz'), gzipSync(script))
    server = await startServer({ dataDir: join(data.dir, 'db'), webRoot })
    const get = (path: string, encodings: string) =>
      fetch(`${server.url}${path}`, { headers: { 'Accept-Encoding': encodings } })

    // fetch decodes what it is sent, so each answer's text is the script itself.
    for (const [accepted, sent] of [
      ['gzip, deflate, br', 'br'],
      ['gzip, deflate', 'gzip'],
      ['identity', null],
    ] as const) {
      const response = await get('/assets/index-abc123.js', accepted)
      expect(response.headers.get('content-encoding')).toBe(sent)
      expect(response.headers.get('content-type')).toMatch(/javascript/)
      expect(response.headers.get('vary')).toBe('Accept-Encoding')
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(await response.text()).toBe(script)
    }
    // The page naming those files is asked for again on every load, so a new build is picked up at once.
    for (const path of ['/', '/index.html', '/any/route']) {
      const page = await get(path, 'gzip')
      expect(page.status).toBe(200)
      expect(page.headers.get('cache-control')).toBe('no-cache')
    }
    expect((await get('/assets/missing.js', 'gzip')).status).toBe(404)
  })

  it('tells a join screen the server’s name, who is online and whether it needs a password or has moderators; the desktop app may read it', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir, name: 'Event LAN' })
    const { client: bob } = await joinAs(server.url, 'Bob')
    const fromApp = await fetch(`${server.url}/healthz`, { headers: { Origin: DESKTOP_APP_ORIGIN } })
    expect(fromApp.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN)
    expect(await fromApp.json()).toMatchObject({ name: 'Event LAN', members: 1, password: false, moderated: false })
    // Another site's page gets no leave to read it.
    const elsewhere = await fetch(`${server.url}/healthz`, { headers: { Origin: 'http://evil.example' } })
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull()
    bob.disconnect()
    await server.close()

    server = await startServer({ dataDir: data.dir, password: 'lan secret', moderatorPassword: 'keys' })
    const locked = (await (await fetch(`${server.url}/healthz`)).json()) as HealthReport
    expect(locked.password).toBe(true)
    expect(locked.moderated).toBe(true)
  })

  it('explains how to build the web client when it is missing', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir, webRoot: join(data.dir, 'nothing-here') })
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(503)
    expect(await response.text()).toMatch(/npm run build/)
  })

  it('serves public history over plain HTTP with an after cursor, never a DM, and not with a password', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const { client: ann } = await joinAs(server.url, 'Ann')
    const { client: bob } = await joinAs(server.url, 'Bob')
    const first = await request(ann, 'message:send', { roomId: 'general', text: 'one' })
    await request(ann, 'message:send', { roomId: 'general', text: 'two' })
    const dm = await request(ann, 'dm:open', { name: 'Bob' })
    const after = 'data' in first ? first.data.id : -1
    const page = await (await fetch(`${server.url}/api/rooms/general/messages?after=${after}`)).json()
    expect(page).toEqual({ messages: [expect.objectContaining({ text: 'two' })], hasMore: false, rev: 0 })
    const dmId = 'data' in dm ? dm.data.id : ''
    expect((await fetch(`${server.url}/api/rooms/${encodeURIComponent(dmId)}/messages`)).status).not.toBe(200)
    expect((await fetch(`${server.url}/api/rooms/nowhere/messages`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/rooms/general/messages?after=-1`)).status).toBe(400)
    ann.disconnect()
    bob.disconnect()
    await server.close()
    server = await startServer({ dataDir: data.dir, password: 'pw' })
    expect((await fetch(`${server.url}/api/rooms/general/messages`)).status).not.toBe(200)
  })
})
