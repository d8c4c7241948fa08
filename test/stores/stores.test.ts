import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PROTOCOL_VERSION } from '../../protocol'
import type { ParleyServer } from '../../server'
import { joinAs, makeDataDir, startServer, type TestClient } from '../helpers/server'
import { request, sendMessage, openDm } from '../helpers/request'
import { newAppStores } from './app-fixture'

describe('renderer stores against a real server', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  const peers: TestClient[] = []
  const apps: Array<ReturnType<typeof newAppStores>> = []
  const newApp = () => {
    const app = newAppStores()
    apps.push(app)
    return app
  }

  beforeEach(async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir, name: 'Stores' })
  })
  afterEach(async () => {
    apps.splice(0).forEach((app) => app.session.leave())
    peers.splice(0).forEach((peer) => peer.disconnect())
    await server.close()
    data.remove()
  })

  it('joins, then follows status and transport from polling to websocket', async () => {
    const app = newApp()
    expect(app.connection.status).toBe('disconnected')
    expect(app.connection.transport).toBe('')
    const statuses: string[] = []
    app.connection.$subscribe(() => {
      if (statuses.at(-1) !== app.connection.status) statuses.push(app.connection.status)
    })
    expect(await app.session.join('Ann', server.url)).toBe(true)
    expect(statuses.slice(0, 2)).toEqual(['connecting', 'connected'])
    expect(app.session.joined).toBe(true)
    expect(app.session.server).toEqual({
      name: 'Stores',
      protocol: PROTOCOL_VERSION,
      version: expect.any(String),
      lanUrls: [`${server.url}/`],
    })
    expect(app.rooms.rooms.map((room) => room.id)).toEqual(['general'])
    expect(app.presence.members.map((member) => member.name)).toEqual(['Ann'])
    expect(app.connection.status).toBe('connected')
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('websocket')
    expect(app.connection.transportReason).toMatch(/Upgraded to WebSocket/)

    app.session.leave()
    expect(app.connection.status).toBe('disconnected')
    expect(app.connection.transport).toBe('')
  })

  it('explains a failed join: a bad name before connecting, a taken name, an unreachable server', async () => {
    const app = newApp()
    expect(await app.session.join('   ', server.url)).toBe(false)
    expect(app.session.joinError).toBe('Name must not be empty')
    expect(app.connection.status).toBe('disconnected')

    expect(await app.session.join('Ann', 'ftp://nowhere')).toBe(false)
    expect(app.session.joinError).toMatch(/is not a server address/)

    peers.push((await joinAs(server.url, 'ann')).client)
    expect(await app.session.join('Ann', server.url)).toBe(false)
    expect(app.session.joinError).toBe(
      'The name "Ann" is taken by someone online. If that is you on another device, add this one with a code from "Add a device" there.',
    )
    expect(app.connection.status).toBe('disconnected')

    const spare = makeDataDir()
    const closed = await startServer({ dataDir: spare.dir })
    const deadUrl = closed.url
    await closed.close()
    spare.remove()
    expect(await app.session.join('Ann', deadUrl)).toBe(false)
    expect(app.session.joinError).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+/)
  })

  it('shows a send as pending, then sent with its server id, once even though ack and broadcast both arrive', async () => {
    const app = newApp()
    await app.session.join('Ann', server.url)
    await app.messages.loadLatest('general')
    const sending = app.messages.send('general', 'hello')
    const line = app.messages.timeline('general')
    expect(line.messages.map((m) => [m.text, m.state])).toEqual([['hello', 'pending']])
    expect(await sending).toBeNull()
    await expect.poll(() => line.messages.length).toBe(1)
    expect(line.messages[0]).toMatchObject({ text: 'hello', state: 'sent', author: 'Ann', id: expect.any(Number) })
    expect(line.messages[0]!.id).toBeGreaterThan(0)

    expect(await app.messages.send('general', ' '.repeat(3))).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(await app.messages.send('general', 'x'.repeat(4001))).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'Message must be at most 4000 characters',
    })
    expect(line.messages).toHaveLength(1)
  })

  it('marks a refused send failed, and a retry sends it under the same clientId', async () => {
    const app = newApp()
    await app.session.join('Ann', server.url)
    const peer = (await joinAs(server.url, 'Bob')).client
    peers.push(peer)
    await request(peer, 'room:create', { name: 'private' })
    // Not joined to #private: the server refuses, and the message stays, failed.
    expect(await app.messages.send('private', 'let me in')).toMatchObject({ error: 'FORBIDDEN' })
    const failed = app.messages.timeline('private').messages[0]!
    expect(failed).toMatchObject({ state: 'failed', error: 'Join #private before writing to it' })

    await app.rooms.join('private')
    await app.messages.retry('private', failed.clientId!)
    expect(app.messages.timeline('private').messages.map((m) => [m.text, m.state])).toEqual([['let me in', 'sent']])

    await app.messages.send('general', 'x')
    expect(await app.messages.send('nowhere', 'lost')).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    app.messages.discard('nowhere', app.messages.timeline('nowhere').messages[0]!.clientId!)
    expect(app.messages.timeline('nowhere').messages).toEqual([])
  })

  it('counts unread messages in rooms not in view, but not deleted ones, tracks peers and typing, and clears on select', async () => {
    const app = newApp()
    await app.session.join('Ann', server.url)
    const bob = (await joinAs(server.url, 'Bob')).client
    peers.push(bob)
    await expect.poll(() => app.presence.members.map((m) => m.name)).toEqual(['Ann', 'Bob'])

    const dm = await openDm(bob, 'Ann')
    await expect.poll(() => app.rooms.directMessages.map((room) => room.id)).toEqual([dm.id])

    await request(bob, 'typing:set', { roomId: dm.id, typing: true })
    await expect.poll(() => app.presence.typing[dm.id]).toEqual(['Bob'])
    await request(bob, 'message:send', { roomId: dm.id, text: 'one' })
    await request(bob, 'message:send', { roomId: dm.id, text: 'two' })
    const oops = await request(bob, 'message:send', { roomId: dm.id, text: 'wrong window' })
    await request(bob, 'message:send', { roomId: 'general', text: 'in view' })
    await expect.poll(() => app.rooms.unread[dm.id]).toBe(3)
    expect(app.presence.typing[dm.id]).toEqual([])
    expect(app.rooms.unread['general'] ?? 0).toBe(0)
    // Deleted before Ann read it: it no longer counts.
    if (!('data' in oops)) throw new Error(oops.message)
    await request(bob, 'message:delete', { id: oops.data.id })
    await expect.poll(() => app.rooms.unread[dm.id]).toBe(2)

    app.rooms.select(dm.id)
    expect(app.rooms.unread[dm.id]).toBe(0)
    expect(app.messages.timeline(dm.id).messages.map((m) => m.text)).toEqual(['one', 'two', ''])

    bob.disconnect()
    await expect.poll(() => app.presence.members.map((m) => m.name)).toEqual(['Ann'])
  })

  it('brings back unread counts and the New line after the app restarts, from what it had read', async () => {
    const bob = (await joinAs(server.url, 'Bob')).client
    peers.push(bob)
    const lab = await request(bob, 'room:create', { name: 'lab' })
    if (!('data' in lab)) throw new Error(lab.message)
    await sendMessage(bob, { roomId: 'general', text: 'read in general' })
    await sendMessage(bob, { roomId: lab.data.id, text: 'read in lab' })

    // Ann reads both rooms, ending in #general, and quits.
    const first = newApp()
    await first.session.join('Ann', server.url)
    await first.rooms.join(lab.data.id)
    await first.messages.loadLatest(lab.data.id)
    first.rooms.select('general')
    await first.messages.loadLatest('general')
    await expect.poll(() => first.messages.timeline('general').messages.length).toBe(1)
    first.session.leave()

    await sendMessage(bob, { roomId: lab.data.id, text: 'new in lab for @ann' })
    const oops = await sendMessage(bob, { roomId: lab.data.id, text: 'deleted in lab' })
    if (!('data' in oops)) throw new Error(oops.message)
    await request(bob, 'message:delete', { id: oops.data.id })
    await sendMessage(bob, { roomId: 'general', text: 'new in general' })

    // Started again: #lab counts its one new message; #general, in view, opens at its New line.
    const second = newApp()
    second.rooms.joinedIds = ['general', lab.data.id]
    await second.session.join('Ann', server.url)
    await expect.poll(() => second.rooms.unread[lab.data.id]).toBe(1)
    expect(second.rooms.mentioned[lab.data.id]).toBe(1)
    expect(second.rooms.openedUnread).toEqual({ roomId: 'general', count: 1 })
    expect(second.rooms.unread['general'] ?? 0).toBe(0)

    // A message arriving now counts once, on top.
    await sendMessage(bob, { roomId: lab.data.id, text: 'newer in lab' })
    await expect.poll(() => second.rooms.unread[lab.data.id]).toBe(2)
    expect(second.rooms.mentioned[lab.data.id]).toBe(1)
    second.rooms.select(lab.data.id)
    expect(second.rooms.mentioned[lab.data.id]).toBe(0)
    expect(second.rooms.openedUnread).toEqual({ roomId: lab.data.id, count: 2 })
  })

  it('counts apart the unread addressed to Ann (an @Ann, a reply to hers), but not in a DM, a deleted one, or once read', async () => {
    const app = newApp()
    await app.session.join('Ann', server.url)
    const bob = (await joinAs(server.url, 'Bob')).client
    peers.push(bob)
    const lab = await request(bob, 'room:create', { name: 'lab' })
    if (!('data' in lab)) throw new Error(lab.message)
    await app.rooms.join(lab.data.id)
    app.rooms.select('general')
    expect(await app.messages.send(lab.data.id, 'anyone for lunch?')).toBeNull()
    const asked = app.messages.timeline(lab.data.id).messages.at(-1)!

    const look = await sendMessage(bob, { roomId: lab.data.id, text: '@ann look' })
    if (!('data' in look)) throw new Error(look.message)
    const plain = await sendMessage(bob, { roomId: lab.data.id, text: 'plain news, and mail to ann@example.com' })
    if (!('data' in plain)) throw new Error(plain.message)
    await sendMessage(bob, { roomId: lab.data.id, text: 'me!', replyTo: asked.id })
    const dm = await openDm(bob, 'Ann')
    await sendMessage(bob, { roomId: dm.id, text: '@Ann psst' })
    await expect.poll(() => app.rooms.unread[dm.id]).toBe(1)
    expect(app.rooms.unread[lab.data.id]).toBe(3)
    expect(app.rooms.mentioned[lab.data.id]).toBe(2)
    expect(app.rooms.mentioned[dm.id] ?? 0).toBe(0)

    await request(bob, 'message:delete', { id: look.data.id })
    await expect.poll(() => app.rooms.mentioned[lab.data.id]).toBe(1)
    expect(app.rooms.unread[lab.data.id]).toBe(2)
    // Edited to call her, it counts; edited back, not any more.
    await request(bob, 'message:edit', { id: plain.data.id, text: 'plain news for @Ann' })
    await expect.poll(() => app.rooms.mentioned[lab.data.id]).toBe(2)
    await request(bob, 'message:edit', { id: plain.data.id, text: 'plain news' })
    await expect.poll(() => app.rooms.mentioned[lab.data.id]).toBe(1)
    expect(app.rooms.unread[lab.data.id]).toBe(2)
    app.rooms.select(lab.data.id)
    expect(app.rooms.mentioned[lab.data.id]).toBe(0)
  })

  it('counts unread on another device from where the first one stopped reading', async () => {
    const bob = (await joinAs(server.url, 'Bob')).client
    peers.push(bob)
    const read = await sendMessage(bob, { roomId: 'general', text: 'read on the desktop' })
    if (!('data' in read)) throw new Error(read.message)

    // Ann reads #general on one device and leaves; the server keeps how far.
    const desktop = newApp()
    const asked = vi.spyOn(desktop.connection, 'request')
    await desktop.session.join('Ann', server.url)
    await desktop.messages.loadLatest('general')
    await expect
      .poll(() => asked.mock.calls.find(([event]) => event === 'message:read')?.[1], { timeout: 10_000 })
      .toEqual({ roomId: 'general', upTo: read.data.id })
    desktop.session.leave()
    await sendMessage(bob, { roomId: 'general', text: 'new since' })
    await sendMessage(bob, { roomId: 'general', text: 'and more' })

    // Another device, with no marks of its own (the name in another case has other local marks):
    // #general opens at its New line, above the two that came after.
    const other = newApp()
    await other.session.join('ANN', server.url)
    await expect.poll(() => other.rooms.openedUnread, { timeout: 10_000 }).toEqual({ roomId: 'general', count: 2 })
  })

  it('sends a pending message nothing woke the outbox for, once the connection answers a ping', async () => {
    const app = newApp()
    await app.session.join('Ann', server.url)
    // As if a wake-up had been lost: an entry in the outbox, and no flush asked for.
    app.messages.outbox.push({
      clientId: 'lost-wake-up',
      roomId: 'general',
      text: 'sent after all',
      author: 'Ann',
      ts: Date.now(),
      state: 'pending',
    })
    const reader = (await joinAs(server.url, 'Reader')).client
    peers.push(reader)
    await expect
      .poll(
        async () => {
          const page = await request(reader, 'message:history', { roomId: 'general' })
          return 'data' in page ? page.data.messages.map((m) => m.text) : []
        },
        { timeout: 15_000, interval: 500 },
      )
      .toEqual(['sent after all'])
  })

  it('creates and opens rooms, refusing a bad room name before asking the server', async () => {
    const app = newApp()
    await app.session.join('Ann', server.url)
    expect(await app.rooms.create('Bad Name!')).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'Room name may hold only a–z, 0–9 and single dashes between them',
    })
    expect(await app.rooms.create(' Lab-2 ')).toBeNull()
    expect(app.rooms.activeRoomId).toBe('lab-2')
    expect(app.rooms.joinedIds).toContain('lab-2')
  })

  it('loads history page by page, oldest first, until the start, and knows its authors by name', async () => {
    const bob = (await joinAs(server.url, 'Bob')).client
    for (let i = 1; i <= 120; i++) await sendMessage(bob, { roomId: 'general', text: `m${i}` })
    bob.disconnect()
    await vi.waitFor(() => expect(server.io.sockets.sockets.size).toBe(0))
    const app = newApp()
    await app.session.join('Ann', server.url)
    // Bob is offline: his @name shows apart once a message of his is shown.
    expect(app.presence.knows('ann')).toBe(true)
    expect(app.presence.knows('bob')).toBe(false)
    await app.messages.loadLatest('general')
    expect(app.presence.knows('bob')).toBe(true)
    const line = app.messages.timeline('general')
    expect(line.messages.map((m) => m.text)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 71}`))
    expect(line.hasMore).toBe(true)
    await app.messages.loadOlder('general')
    await app.messages.loadOlder('general')
    expect(line.messages.map((m) => m.text)).toEqual(Array.from({ length: 120 }, (_, i) => `m${i + 1}`))
    expect(line.hasMore).toBe(false)
  })

  it('reconnects after a server restart: reconnecting, then a new engine from polling, rejoined, caught up, unread counted', async () => {
    const app = newApp()
    await app.session.join('Ann', server.url)
    await app.messages.loadLatest('general')
    // Ann looks at another room, so what she missed in #general counts as unread.
    expect(await app.rooms.create('lab')).toBeNull()
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('websocket')
    const port = server.port
    const transports: string[] = []
    app.connection.$subscribe(() => {
      if (transports.at(-1) !== app.connection.transport) transports.push(app.connection.transport)
    })

    await server.close()
    await expect.poll(() => app.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    expect(app.connection.transport).toBe('')

    // Someone writes while Ann is away; she must see it once she is back.
    server = await startServer({ dataDir: data.dir, port })
    const bob = (await joinAs(server.url, 'Bob')).client
    peers.push(bob)
    await request(bob, 'message:send', { roomId: 'general', text: 'while you were away' })

    await expect.poll(() => app.connection.status, { timeout: 20_000 }).toBe('connected')
    await expect.poll(() => app.presence.members.map((m) => m.name), { timeout: 10_000 }).toEqual(['Ann', 'Bob'])
    await expect
      .poll(() => app.messages.timeline('general').messages.map((m) => m.text), { timeout: 10_000 })
      .toEqual(['while you were away'])
    await expect.poll(() => app.connection.transport, { timeout: 10_000 }).toBe('websocket')
    expect(transports).toEqual(['', 'polling', 'websocket'])
    expect(app.session.joined).toBe(true)
    expect(app.rooms.unread['general']).toBe(1)
  })
})
