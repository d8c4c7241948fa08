import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNetsim, type Netsim } from '../../netsim'
import type { ParleyServer } from '../../server'
import type { Message } from '../../protocol'
import { joinAs, makeDataDir, startServer, waitForEvent, type TestClient } from '../helpers/server'
import { request } from '../helpers/request'
import { newAppStores } from './app-fixture'

/** Short enough for tests; the app's default is 30 s. */
const RETRY_MS = 400

describe('fallback to long-polling and back, through netsim', () => {
  let server: ParleyServer
  let netsim: Netsim
  let data: ReturnType<typeof makeDataDir>
  let peer: TestClient
  let app: ReturnType<typeof newAppStores>
  const peerSaw: Message[] = []

  async function joinThroughNetsim(profile: string): Promise<void> {
    netsim = await createNetsim({ target: server.url, profile })
    app = newAppStores()
    expect(await app.session.join('Ann', netsim.url, { healer: { firstRetryMs: RETRY_MS } })).toBe(true)
    await app.messages.loadLatest('general')
  }

  const textsAt = (list: Message[]) => list.filter((m) => m.author === 'Ann').map((m) => m.text)
  const peerTransportOfAnn = () => peerView.get('Ann')
  const peerView = new Map<string, string>()

  beforeEach(async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    peer = (await joinAs(server.url, 'Bob')).client
    peerSaw.length = 0
    peerView.clear()
    peer.on('message:created', (message) => peerSaw.push(message))
    peer.on('presence:joined', (member) => peerView.set(member.name, member.transport))
    peer.on('presence:updated', (member) => peerView.set(member.name, member.transport))
  })
  afterEach(async () => {
    app?.session.leave()
    peer.disconnect()
    await netsim?.close()
    await server.close()
    data.remove()
  })

  it('block-websocket: stays on polling, says why, and messages flow both ways', async () => {
    await joinThroughNetsim('block-websocket')
    await expect
      .poll(() => app.connection.timeline.some((e) => e.kind === 'upgrade-error'), { timeout: 10_000 })
      .toBe(true)
    expect(app.connection.transport).toBe('polling')
    expect(app.connection.transportReason).toMatch(/^WebSocket upgrade blocked or failed/)
    expect(app.connection.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['handshake', 'probe', 'upgrade-error', 'fallback']),
    )

    for (let i = 0; i < 5; i++) expect(await app.messages.send('general', `ann ${i}`)).toBeNull()
    await request(peer, 'message:send', { roomId: 'general', text: 'bob here' })
    await expect.poll(() => textsAt(peerSaw)).toEqual(['ann 0', 'ann 1', 'ann 2', 'ann 3', 'ann 4'])
    await expect.poll(() => app.messages.timeline('general').messages.map((m) => m.text)).toContain('bob here')
    await expect.poll(peerTransportOfAnn).toBe('polling')
    expect(app.connection.traffic.polling.packetsSent).toBeGreaterThan(0)
    expect(app.connection.traffic.websocket.packetsSent).toBe(0)
  })

  it('back to clean: returns to websocket within the retry interval, on the same session', async () => {
    await joinThroughNetsim('block-websocket')
    await expect
      .poll(() => app.connection.timeline.some((e) => e.kind === 'upgrade-error'), { timeout: 10_000 })
      .toBe(true)
    const sessionBefore = app.connection.sessionId
    netsim.setProfile('clean')
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('websocket')
    // Healed in place: no reconnect, nothing visible but the transport.
    expect(app.connection.sessionId).toBe(sessionBefore)
    expect(app.connection.status).toBe('connected')
    expect(app.connection.timeline.filter((e) => e.kind === 'connect')).toHaveLength(1)
    await expect.poll(peerTransportOfAnn).toBe('websocket')
    expect(await app.messages.send('general', 'after heal')).toBeNull()
    await expect.poll(() => textsAt(peerSaw)).toEqual(['after heal'])
  })

  it('kill-websocket-after: falls back to polling, and nothing is lost or duplicated', async () => {
    await joinThroughNetsim('kill-websocket-after=0.3')
    const sent: string[] = []
    // Keep sending while the WebSocket is cut under the client, until it settles on polling.
    const sending = (async () => {
      for (let i = 0; i < 40; i++) {
        const text = `msg ${i}`
        sent.push(text)
        await app.messages.send('general', text)
      }
    })()
    await expect.poll(() => app.connection.timeline.some((e) => e.kind === 'fallback'), { timeout: 20_000 }).toBe(true)
    await sending
    // Messages a cut left failed are retried, as the user would, under the same clientId.
    for (const failed of app.messages.timeline('general').messages.filter((m) => m.state === 'failed')) {
      await app.messages.retry('general', failed.clientId!)
    }
    await expect.poll(() => app.connection.status, { timeout: 10_000 }).toBe('connected')
    // Polled, not read once: the healer tries WebSocket again now and then, and each try works for 0.3 s.
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('polling')
    await expect.poll(() => textsAt(peerSaw), { timeout: 20_000 }).toEqual(sent)
    const history = await request(peer, 'message:history', { roomId: 'general', limit: 100 })
    expect('data' in history && history.data.messages.map((m) => m.text)).toEqual(sent)
  })

  it('a WebSocket cut under it: the restored session still lists its own person, on the new transport', async () => {
    await joinThroughNetsim('clean')
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('websocket')
    netsim.setProfile('block-websocket')
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('polling')
    await expect.poll(() => app.connection.status, { timeout: 10_000 }).toBe('connected')
    expect(app.connection.recovered).toBe(true)
    // The replay carries the server's word that Ann left when her WebSocket was cut; she is back all the same.
    await expect
      .poll(() => app.presence.members.map(({ name, transport }) => `${name} ${transport}`), { timeout: 10_000 })
      .toEqual(['Ann polling', 'Bob websocket'])
    await expect.poll(peerTransportOfAnn).toBe('polling')
  })

  it('offline while someone else takes the name: back to the join screen, saying so', async () => {
    await joinThroughNetsim('clean')
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('websocket')
    const gone = waitForEvent(peer, 'presence:left', ({ name }) => name === 'Ann')
    netsim.setProfile('offline')
    await gone
    const rival = (await joinAs(server.url, 'ann')).client
    try {
      netsim.setProfile('clean')
      await expect.poll(() => app.session.joined, { timeout: 20_000 }).toBe(false)
      expect(app.session.joinError).toBe('While you were away, someone else joined as "Ann"')
      expect(app.connection.status).toBe('disconnected')
    } finally {
      rival.disconnect()
    }
  })

  it('offline: goes to reconnecting, then recovers when the network returns', async () => {
    await joinThroughNetsim('clean')
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('websocket')
    netsim.setProfile('offline')
    await expect.poll(() => app.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    expect(app.connection.transport).toBe('')
    await request(peer, 'message:send', { roomId: 'general', text: 'sent while Ann was offline' })
    netsim.setProfile('clean')
    await expect.poll(() => app.connection.status, { timeout: 20_000 }).toBe('connected')
    await expect
      .poll(() => app.messages.timeline('general').messages.map((m) => m.text), { timeout: 10_000 })
      .toEqual(['sent while Ann was offline'])
    expect(app.connection.timeline.some((e) => e.kind === 'reconnect-attempt')).toBe(true)
    // A short outage is within Socket.IO's state recovery: the session comes back whole.
    expect(app.connection.recovered).toBe(true)
    expect(app.connection.timeline.filter((e) => e.kind === 'connect').at(-1)?.text).toBe(
      'Connected; state recovery restored the session',
    )
    await expect
      .poll(() => app.presence.members.map(({ name, transport }) => `${name} ${transport}`), { timeout: 10_000 })
      .toEqual(['Ann websocket', 'Bob websocket'])
  })

  it('latency and bandwidth delay delivery but keep order', async () => {
    await joinThroughNetsim('latency=40,jitter=30+bandwidth=128')
    const sent = Array.from({ length: 15 }, (_, i) => `slow ${i}`)
    await Promise.all(sent.map((text) => app.messages.send('general', text)))
    await expect.poll(() => textsAt(peerSaw), { timeout: 20_000 }).toEqual(sent)
    await request(peer, 'message:send', { roomId: 'general', text: 'reply' })
    await expect
      .poll(
        () =>
          app.messages
            .timeline('general')
            .messages.map((m) => m.text)
            .at(-1),
        { timeout: 10_000 },
      )
      .toBe('reply')
  })
})
