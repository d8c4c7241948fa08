import { afterEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ParleyServer } from '../../server'
import { useConnectionStore } from '../../src-renderer/src/stores/connection'
import { useMessagesStore } from '../../src-renderer/src/stores/messages'
import { useRoomsStore } from '../../src-renderer/src/stores/rooms'
import { useSessionStore } from '../../src-renderer/src/stores/session'
import { joinAs, makeDataDir, startServer } from '../helpers/server'
import { request } from '../helpers/request'

describe('reconnecting, rejoining and retrying against a real server', () => {
  const data = makeDataDir()
  let server: ParleyServer | undefined
  let session: ReturnType<typeof useSessionStore> | undefined
  afterEach(async () => {
    session?.leave()
    await server?.close()
    data.remove()
  })

  /** A server, and Ann's app joined to it. */
  async function annJoined() {
    server = await startServer({ dataDir: data.dir })
    setActivePinia(createPinia())
    const connection = useConnectionStore()
    session = useSessionStore()
    const messages = useMessagesStore()
    expect(await session.join('Ann', server.url)).toBe(true)
    return { port: server.port, connection, messages }
  }

  it('joins again when the connection carrying the rejoin is cut and comes back recovered', async () => {
    const { port, connection, messages } = await annJoined()

    // A restart: the new server knows nothing of Ann, so the app rejoins.
    await server!.close()
    server = await startServer({ dataDir: data.dir, port })
    // Cut the first connection that tries to rejoin, its join unanswered: it
    // comes back recovered, but the server never saw it join.
    let armed = true
    server.io.on('connection', (socket) => {
      socket.use(([event], next) => {
        if (event !== 'session:join' || !armed) return next()
        armed = false
        socket.conn.close()
      })
    })
    await expect.poll(() => armed, { timeout: 15_000 }).toBe(false)
    await expect.poll(() => connection.recovered, { timeout: 15_000 }).toBe(true)

    // Ann can still write: the app noticed and joined again.
    await expect(messages.send('general', 'after the restart')).resolves.toBeNull()
    const history = messages.timeline('general').messages.map((m) => [m.text, m.state])
    expect(history).toContainEqual(['after the restart', 'sent'])
  })

  it('finishes catching up when the connection carrying the catch-up is cut and comes back recovered', async () => {
    const { port, connection, messages } = await annJoined()
    await messages.loadLatest('general')

    // A restart, and Bob writes while Ann is away: Ann's rejoin waits until he is done.
    await server!.close()
    server = await startServer({ dataDir: data.dir, port })
    let bobDone!: () => void
    const bobWrote = new Promise<void>((resolve) => (bobDone = resolve))
    let cut = false
    server.io.on('connection', (socket) => {
      socket.use(([event, payload], next) => {
        if (event === 'session:join' && (payload as { name?: string }).name === 'Ann')
          return void bobWrote.then(() => next())
        // Cut the first catch-up request, unanswered: the connection comes back recovered.
        if (event === 'message:history' && !cut && (payload as { after?: number }).after !== undefined) {
          cut = true
          return void socket.conn.close()
        }
        next()
      })
    })
    const bob = await joinAs(server.url, 'Bob')
    const written = Array.from({ length: 15 }, (_, n) => `missed #${n}`)
    for (const text of written) {
      const result = await request(bob.client, 'message:send', { roomId: 'general', text })
      expect(result).toHaveProperty('data')
    }
    bob.client.disconnect()
    bobDone()

    await expect.poll(() => cut, { timeout: 15_000 }).toBe(true)
    await expect.poll(() => connection.recovered, { timeout: 15_000 }).toBe(true)
    // Recovery replays only what was broadcast after the cut; the rest comes from catch-up, resumed.
    await expect
      .poll(() => messages.timeline('general').messages.filter((m) => written.includes(m.text)).length, {
        timeout: 15_000,
      })
      .toBe(written.length)
  })

  it('counts as unread what came to a DM it never opened while it was away, after a restart', async () => {
    const { port } = await annJoined()
    const rooms = useRoomsStore()
    const bob = await joinAs(server!.url, 'Bob')
    const opened = await request(bob.client, 'dm:open', { name: 'Ann' })
    if (!('data' in opened)) throw new Error(opened.message)
    const dmId = opened.data.id
    await request(bob.client, 'message:send', { roomId: dmId, text: 'one' })
    await expect.poll(() => rooms.unread[dmId]).toBe(1)
    bob.client.disconnect()

    // A restart, and Bob writes twice more while Ann's app is away: its join waits until he is done.
    await server!.close()
    server = await startServer({ dataDir: data.dir, port })
    let bobDone!: () => void
    const bobWrote = new Promise<void>((resolve) => (bobDone = resolve))
    server.io.on('connection', (socket) => {
      socket.use(([event, payload], next) => {
        if (event === 'session:join' && (payload as { name?: string }).name === 'Ann')
          return void bobWrote.then(() => next())
        next()
      })
    })
    const bobAgain = await joinAs(server.url, 'Bob')
    for (const text of ['two', 'three']) await request(bobAgain.client, 'message:send', { roomId: dmId, text })
    bobAgain.client.disconnect()
    bobDone()
    // The DM was never loaded, so no catch-up follows it: the server counts it, and "one" is not counted twice.
    await expect.poll(() => rooms.unread[dmId], { timeout: 15_000 }).toBe(3)
  })

  it('checks a recovered connection’s replay, and fetches what it left out', async () => {
    const { connection, messages } = await annJoined()
    await messages.loadLatest('general')
    const bob = await joinAs(server!.url, 'Bob')
    const shown = () => messages.timeline('general').messages.map((m) => m.text)
    await request(bob.client, 'message:send', { roomId: 'general', text: 'one' })
    await expect.poll(shown).toEqual(['one'])

    // Ann's link drops; Bob writes meanwhile; the replay Ann gets on recovery leaves that out.
    const ann = [...server!.io.of('/').sockets.values()].find((socket) => socket.data.name === 'Ann')!
    ann.conn.close()
    await expect.poll(() => connection.status).not.toBe('connected')
    await request(bob.client, 'message:send', { roomId: 'general', text: 'two' })
    const adapter = server!.io.of('/').adapter as unknown as { packets: Array<{ data: unknown[] }> }
    adapter.packets = adapter.packets.filter((packet) => (packet.data[1] as { text?: string }).text !== 'two')
    await expect.poll(() => connection.recovered, { timeout: 15_000 }).toBe(true)
    await request(bob.client, 'message:send', { roomId: 'general', text: 'three' })

    await expect.poll(shown, { timeout: 10_000 }).toEqual(['one', 'two', 'three'])
    bob.client.disconnect()
  })

  it('sends again after a pause a send failed for a passing reason on a live connection, without waiting for a reconnect', async () => {
    const { messages } = await annJoined()
    // The server's first answer to a send is INTERNAL; the connection stays up.
    let failed = 0
    for (const socket of server!.io.of('/').sockets.values()) {
      socket.use(([event, , ack], next) => {
        if (event !== 'message:send' || failed > 0) return next()
        failed++
        ;(ack as (result: unknown) => void)({ error: 'INTERNAL', message: 'try again' })
      })
    }
    await expect(messages.send('general', 'kept')).resolves.toBeNull()
    expect(failed).toBe(1)
    expect(messages.timeline('general').messages.map((m) => `${m.text}:${m.state}`)).toEqual(['kept:sent'])
  })
})
