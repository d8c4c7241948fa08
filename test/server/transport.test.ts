import { afterEach, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../../server'
import { connectClient, joinAs, makeDataDir, startServer, waitUntil, type TestClient } from '../helpers/server'

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
})
