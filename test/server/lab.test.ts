import { afterEach, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../../server'
import { connectClient, joinAs, makeDataDir, startServer, waitUntil, type TestClient } from '../helpers/server'

describe('lab mode', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  const clients: TestClient[] = []
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await server.close()
    data.remove()
  })

  it('is off unless asked for, and says how to turn it on', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const response = await fetch(`${server.url}/lab/links`, { method: 'POST' })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: expect.stringMatching(/start the server with --lab/) })
    expect(((await (await fetch(`${server.url}/healthz`)).json()) as { lab: boolean }).lab).toBe(false)
  })

  it('gives each client its own link, switchable live, that only degrades that client', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir, lab: true })
    expect(((await (await fetch(`${server.url}/healthz`)).json()) as { lab: boolean }).lab).toBe(true)
    const created = await fetch(`${server.url}/lab/links`, { method: 'POST' })
    expect(created.status).toBe(201)
    const link = (await created.json()) as { id: string; url: string; profile: string }
    expect(link).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      profile: 'clean',
    })
    expect(new URL(link.url).port).not.toBe(String(server.port))
    // The page is served from the server's origin; CSP lets it reach its link on another port.
    expect((await fetch(`${server.url}/healthz`)).headers.get('content-security-policy')).toContain(
      "connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:*",
    )

    const setProfile = (id: string, body: string) =>
      fetch(`${server.url}/lab/links/${id}/profile`, { method: 'POST', body }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }))
    expect(await setProfile(link.id, 'block-websocket')).toEqual({ status: 200, body: { profile: 'block-websocket' } })
    expect(await setProfile(link.id, 'nope')).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^unknown profile "nope"/) },
    })
    expect(await setProfile('0'.repeat(24), 'clean')).toEqual({ status: 404, body: { error: 'No such link' } })

    const linked = connectClient(link.url)
    clients.push(linked)
    const refused = new Promise((resolve) => linked.io.on('open', () => linked.io.engine.once('upgradeError', resolve)))
    const { client: direct } = await joinAs(server.url, 'Bob')
    clients.push(direct)
    await refused
    expect(linked.io.engine.transport.name).toBe('polling')
    await waitUntil(() => direct.io.engine.transport.name === 'websocket', 10_000, 'the direct client to upgrade')
  })
})
