import { afterEach, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../../server'
import { sendMessage } from '../helpers/request'
import {
  connectClient,
  joinAs,
  makeDataDir,
  newToken,
  startServer,
  waitUntil,
  type TestClient,
} from '../helpers/server'

describe('transport negotiation', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  const clients: TestClient[] = []

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await server?.close()
    data?.remove()
  })

  it('opens on long-polling, then upgrades to websocket', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const client = connectClient(server.url)
    clients.push(client)

    const firstTransport = await new Promise<string>((resolve) =>
      client.io.on('open', () => resolve(client.io.engine.transport.name)),
    )
    expect(firstTransport).toBe('polling')

    const upgraded = await new Promise<string>((resolve) =>
      client.io.engine.once('upgrade', (transport: { name: string }) => resolve(transport.name)),
    )
    expect(upgraded).toBe('websocket')
    expect(client.io.engine.transport.name).toBe('websocket')
  })

  it('reports connections per transport in /healthz, and tells peers when someone upgrades', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const { client: ann, joined } = await joinAs(server.url, 'ann')
    clients.push(ann)
    expect(joined.members).toEqual([{ name: 'ann', transport: expect.stringMatching(/^(polling|websocket)$/) }])

    // Ann's view of Bob's transport: whether Bob upgrades before or after his
    // join completes, the last word ann hears must be websocket.
    const seen = new Map<string, string>()
    ann.on('presence:joined', (member) => seen.set(member.name, member.transport))
    ann.on('presence:updated', (member) => seen.set(member.name, member.transport))
    const { client: bob } = await joinAs(server.url, 'bob')
    clients.push(bob)
    await waitUntil(() => bob.io.engine.transport.name === 'websocket', 10_000, 'bob to upgrade')
    await waitUntil(() => seen.get('bob') === 'websocket', 10_000, 'ann to hear of the upgrade')

    await waitUntil(
      async () => {
        const health = (await (await fetch(`${server.url}/healthz`)).json()) as { connections: { websocket: number } }
        return health.connections.websocket === 2
      },
      10_000,
      'both websocket in /healthz',
    )
    const health = await (await fetch(`${server.url}/healthz`)).json()
    expect(health).toMatchObject({
      status: 'ok',
      version: expect.any(String),
      uptimeSeconds: expect.any(Number),
      connections: { polling: 0, websocket: 2, total: 2 },
      members: 2,
    })
  })

  it('answers long-polls uncompressed, even when the client accepts gzip', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const { client: ann } = await joinAs(server.url, 'ann')
    clients.push(ann)
    const text = 'a long line for the history page '.repeat(8)
    for (let i = 0; i < 10; i++) await sendMessage(ann, { roomId: 'general', text })

    // Engine.IO's long-polling by hand, so the response headers can be read.
    const headers = { 'Accept-Encoding': 'gzip, deflate, br' }
    const base = `${server.url}/socket.io/?EIO=4&transport=polling`
    const { sid } = JSON.parse((await (await fetch(base, { headers })).text()).slice(1)) as { sid: string }
    const session = `${base}&sid=${sid}`
    const post = (body: string) => fetch(session, { method: 'POST', body }).then((response) => response.text())
    /** Polls until a packet starts with `prefix`; returns that poll's response and body. */
    const pollFor = async (prefix: string) => {
      const deadline = Date.now() + 10_000
      while (Date.now() < deadline) {
        const response = await fetch(session, { headers })
        const body = await response.text()
        if (body.split('\x1e').some((packet) => packet.startsWith(prefix))) return { response, body }
      }
      throw new Error(`no packet starting ${prefix}`)
    }
    await post('40')
    await post(`420${JSON.stringify(['session:join', { name: 'bob', token: newToken() }])}`)
    await pollFor('430')
    await post(`421${JSON.stringify(['message:history', { roomId: 'general' }])}`)
    const { response, body } = await pollFor('431')

    expect(body.length).toBeGreaterThan(2048)
    expect(body).toContain(text)
    expect(response.headers.get('content-encoding')).toBeNull()
  })
})
