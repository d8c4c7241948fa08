import { afterEach, describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { request, requestPatiently, openDm, sendMessage, uploadFile } from '../helpers/request'
import { io } from 'socket.io-client'
import { connectClient, newToken, waitForEvent, waitUntil, type TestClient } from '../helpers/server'

/** The session a socket.io-client offers when it reconnects (private fields: no public way to read or set them). */
interface RecoveryState {
  _pid?: string
  _lastOffset?: string
}

describe('moderators', () => {
  const t = useServerFixture()
  const clients: TestClient[] = []
  afterEach(() => clients.splice(0).forEach((client) => client.disconnect()))

  /** Joins as `name` giving `moderatorPassword`; the join's answer. */
  async function joinGiving(name: string, moderatorPassword?: string) {
    const client = connectClient(t.server.url)
    clients.push(client)
    const joined = await request(client, 'session:join', {
      name,
      token: newToken(),
      ...(moderatorPassword !== undefined && { moderatorPassword }),
    })
    return { client, joined }
  }

  it('delete anyone’s message in a public room, saying who did; nobody else may', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    const { client: mod, joined } = await joinGiving('Mia', 'keys to the lab')
    expect(joined).toMatchObject({ data: { name: 'Mia', moderator: true } })
    // Everyone may see who moderates.
    const { joined: deeJoined } = await joinGiving('Dee')
    if (!('data' in deeJoined)) throw new Error(deeJoined.message)
    expect(deeJoined.data.members.filter((member) => member.moderator).map((member) => member.name)).toEqual(['Mia'])
    const rude = await t.send(bob, 'something rude')

    expect(await request(cy, 'message:delete', { id: rude.id })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only its author can change a message',
    })
    // A moderator may not edit it, only delete it.
    expect(await request(mod, 'message:edit', { id: rude.id, text: 'nicer' })).toMatchObject({ error: 'FORBIDDEN' })
    const seen = waitForEvent(cy, 'message:updated', (message) => message.id === rude.id)
    const deleted = await request(mod, 'message:delete', { id: rude.id })
    expect(deleted).toMatchObject({ data: { id: rude.id, text: '', author: 'Bob', deletedBy: 'Mia' } })
    expect((await seen)[0]).toMatchObject({ deletedBy: 'Mia', text: '' })
    expect((await t.history(cy)).messages[0]).toMatchObject({ deletedBy: 'Mia' })
    // One's own deletion names nobody.
    const own = await t.send(bob, 'typo')
    expect(await request(bob, 'message:delete', { id: own.id })).toMatchObject({ data: { text: '' } })
    expect((await t.history(cy)).messages[1]!.deletedBy).toBeUndefined()
  })

  it('alone notify a public room with @room; anyone may in a private room or a DM, as on a server without moderators', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const bob = await t.join('Bob')
    const { client: mod, joined } = await joinGiving('Mia', 'keys to the lab')
    if (!('data' in joined)) throw new Error(joined.message)
    // The app offers @room by this.
    expect(joined.data.server.moderated).toBe(true)

    expect((await t.send(bob, '@room lunch is here')).everyone).toBeUndefined()
    expect((await t.send(mod, '@ROOM fire drill at 3')).everyone).toBe(true)
    // As stored, and as the others get it.
    expect((await t.history(bob)).messages.map((message) => message.everyone)).toEqual([undefined, true])
    const made = await request(bob, 'room:create', { name: 'lab-crew', private: true })
    if (!('data' in made)) throw new Error(made.message)
    expect((await t.send(bob, '@room standup', made.data.id)).everyone).toBe(true)
    const dm = await openDm(bob, 'Mia')
    expect((await t.send(bob, 'hey @room', dm.id)).everyone).toBe(true)
    // Only a real @room counts, and an edit decides again, with its writer's rights.
    expect((await t.send(mod, 'mail me@room.example')).everyone).toBeUndefined()
    const plain = await t.send(mod, 'drill cancelled')
    expect(await request(mod, 'message:edit', { id: plain.id, text: 'drill cancelled @room' })).toMatchObject({
      data: { everyone: true },
    })
    const bobs = await t.send(bob, 'see you')
    const edited = await request(bob, 'message:edit', { id: bobs.id, text: 'see you @room' })
    expect('data' in edited && edited.data.everyone).toBeUndefined()
  })

  it('leave @room to anyone on a server without them', async () => {
    await t.start()
    const bob = await t.join('Bob')
    expect((await t.send(bob, '@room cake in the kitchen')).everyone).toBe(true)
    const { client } = await joinGiving('Cy')
    expect((await t.history(client)).messages[0]!.everyone).toBe(true)
  })

  it('cannot touch a DM, theirs or others’', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const bob = await t.join('Bob')
    await t.join('Cy')
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const dm = await openDm(bob, 'Cy')
    const secret = await t.send(bob, 'just between us', dm.id)
    expect(await request(mod, 'message:delete', { id: secret.id })).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })
    const withMia = await openDm(bob, 'Mia')
    const toMia = await t.send(bob, 'hello Mia', withMia.id)
    expect(await request(mod, 'message:delete', { id: toMia.id })).toMatchObject({ error: 'FORBIDDEN' })
  })

  it('makes a public room one where only moderators post, for everyone at once, until they open it again', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    const news = await request(mod, 'room:create', { name: 'news' })
    if (!('data' in news)) throw new Error(news.message)
    await request(bob, 'room:join', { roomId: 'news' })
    const before = await t.send(bob, 'first!', 'news')

    // Cy has not joined it and still hears: the room list is everyone's.
    const told = [bob, cy].map((client) => waitForEvent(client, 'room:updated', (room) => room.id === 'news'))
    expect(await request(bob, 'room:posting', { roomId: 'news', onlyModerators: true })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only moderators choose who posts in a room',
    })
    const locked = await request(mod, 'room:posting', { roomId: 'news', onlyModerators: true })
    const newsLocked = { id: 'news', kind: 'room', name: 'news', onlyModeratorsPost: true }
    expect(locked).toEqual({ data: newsLocked })
    for (const [room] of await Promise.all(told)) expect(room).toEqual(newsLocked)

    const refused = { error: 'FORBIDDEN', message: 'Only moderators post in #news' }
    expect(await sendMessage(bob, { roomId: 'news', text: 'me too' })).toEqual(refused)
    const file = { roomId: 'news', name: 'a.txt', size: 3, type: 'text/plain' }
    expect(await request(bob, 'file:begin', file)).toEqual(refused)
    expect(await request(bob, 'room:topic', { roomId: 'news', topic: 'my news' })).toEqual(refused)
    expect(await request(mod, 'room:topic', { roomId: 'news', topic: 'From the organisers' })).toMatchObject({
      data: { topic: 'From the organisers' },
    })
    // Reading, reacting and voting stay everyone's; the moderator posts.
    const notice = await t.send(mod, 'Doors open at nine', 'news')
    expect(await request(bob, 'message:react', { id: notice.id, emoji: '👍', on: true })).toMatchObject({ data: {} })
    // What is pinned there is the moderators' to choose.
    expect(await request(bob, 'message:pin', { id: notice.id, pinned: true })).toEqual(refused)
    expect(await request(mod, 'message:pin', { id: notice.id, pinned: true })).toMatchObject({ data: {} })
    expect((await t.history(bob, 'news')).messages.map((message) => message.text)).toEqual([before.text, notice.text])
    // Elsewhere Bob posts as before.
    expect((await t.send(bob, 'in general', 'general')).text).toBe('in general')
    // Only public rooms: a DM belongs to its two people.
    const dm = await openDm(mod, 'Bob')
    expect(await request(mod, 'room:posting', { roomId: dm.id, onlyModerators: true })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only a public room can be for announcements',
    })

    // It stays so across a restart, until a moderator opens it again.
    clients.splice(0).forEach((client) => client.disconnect())
    await t.stop()
    await t.start({ moderatorPassword: 'keys to the lab' })
    const bobAgain = await t.join('Bob')
    expect(await sendMessage(bobAgain, { roomId: 'news', text: 'me too' })).toEqual(refused)
    const { client: modAgain } = await joinGiving('Mia', 'keys to the lab')
    const opened = await request(modAgain, 'room:posting', { roomId: 'news', onlyModerators: false })
    expect(opened).toEqual({ data: { id: 'news', kind: 'room', name: 'news', topic: 'From the organisers' } })
    expect((await t.send(bobAgain, 'me too', 'news')).text).toBe('me too')
  })

  it('puts a public room in slow mode: each person but moderators waits between messages, told how long', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    await request(mod, 'room:create', { name: 'lab' })
    for (const client of [bob, cy]) await request(client, 'room:join', { roomId: 'lab' })

    expect(await request(bob, 'room:slow-mode', { roomId: 'lab', seconds: 30 })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only moderators set slow mode',
    })
    expect(await request(mod, 'room:slow-mode', { roomId: 'lab', seconds: 5 as never })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'seconds: Slow mode is 0, 10, 30, 60, 300 seconds',
    })
    const told = waitForEvent(cy, 'room:updated', (room) => room.id === 'lab')
    expect(await request(mod, 'room:slow-mode', { roomId: 'lab', seconds: 60 })).toEqual({
      data: { id: 'lab', kind: 'room', name: 'lab', slowModeSeconds: 60 },
    })
    expect((await told)[0].slowModeSeconds).toBe(60)

    const one = await sendMessage(bob, { roomId: 'lab', text: 'one', clientId: 'bob-1' })
    // Its ack lost, the app sends it again at once: answered with what was stored, not held back.
    expect(await request(bob, 'message:send', { roomId: 'lab', text: 'one', clientId: 'bob-1' })).toEqual(one)
    // Asked plainly: the test's usual helper would wait the minute out, as the app does.
    const again = await request(bob, 'message:send', { roomId: 'lab', text: 'two' })
    expect(again).toMatchObject({
      error: 'RATE_LIMITED',
      message: 'Slow mode in #lab: one message every 1 minute',
      roomId: 'lab',
    })
    expect((again as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(55_000)
    expect((again as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(60_000)
    // Others, other rooms and moderators are not held back.
    await t.send(cy, 'mine', 'lab')
    await t.send(bob, 'elsewhere', 'general')
    await t.send(mod, 'a', 'lab')
    await t.send(mod, 'b', 'lab')
    expect((await t.history(cy, 'lab')).messages.map((message) => message.text)).toEqual(['one', 'mine', 'a', 'b'])

    // Kept across a restart; off again, Bob posts at once.
    clients.splice(0).forEach((client) => client.disconnect())
    await t.stop()
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: modAgain, joined } = await joinGiving('Mia', 'keys to the lab')
    if (!('data' in joined)) throw new Error(joined.message)
    expect(joined.data.rooms.find((room) => room.id === 'lab')).toMatchObject({ slowModeSeconds: 60 })
    expect(await request(modAgain, 'room:slow-mode', { roomId: 'lab', seconds: 0 })).toEqual({
      data: { id: 'lab', kind: 'room', name: 'lab' },
    })
    const bobAgain = await t.join('Bob')
    await t.send(bobAgain, 'three', 'lab')
    await t.send(bobAgain, 'four', 'lab')
  })

  it('removes a public room for everyone: gone from every list, unreadable, unsearchable, its name not reused', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    await request(bob, 'room:create', { name: 'spam' })
    await t.send(bob, 'buy cheap watches', 'spam')
    const fileId = await uploadFile(bob, new Uint8Array(10), { roomId: 'spam' })
    expect(await sendMessage(bob, { roomId: 'spam', text: 'catalogue', fileId })).toMatchObject({ data: {} })
    const download = () => fetch(`${t.server.url}/files/${fileId}`)
    expect((await download()).status).toBe(200)

    expect(await request(bob, 'room:remove', { roomId: 'spam' })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only moderators remove rooms',
    })
    expect(await request(mod, 'room:remove', { roomId: 'general' })).toEqual({
      error: 'FORBIDDEN',
      message: '#general cannot be removed',
    })
    const told = [bob, cy].map((client) => waitForEvent(client, 'room:removed', ({ roomId }) => roomId === 'spam'))
    expect(await request(mod, 'room:remove', { roomId: 'spam' })).toEqual({ data: null })
    for (const [removed] of await Promise.all(told)) expect(removed).toEqual({ roomId: 'spam', by: 'Mia' })

    const gone = { error: 'ROOM_NOT_FOUND', message: 'No room "spam"' }
    expect(await request(bob, 'message:history', { roomId: 'spam' })).toEqual(gone)
    expect(await request(bob, 'message:send', { roomId: 'spam', text: 'more' })).toEqual(gone)
    expect(await request(cy, 'room:join', { roomId: 'spam' })).toEqual(gone)
    const overHttp = (roomId: string) => fetch(`${t.server.url}/api/rooms/${roomId}/messages?after=0`)
    expect([(await overHttp('general')).status, (await overHttp('spam')).status]).toEqual([200, 404])
    // Its files too: a link someone kept no longer downloads.
    expect((await download()).status).toBe(404)
    expect(await requestPatiently(cy, 'message:search', { query: 'watches' })).toEqual({
      data: { messages: [], hasMore: false },
    })
    expect(await request(cy, 'room:create', { name: 'spam' })).toEqual({
      error: 'FORBIDDEN',
      message: 'A moderator removed #spam: choose another name',
    })
    // After a restart too: not listed, not joined.
    clients.splice(0).forEach((client) => client.disconnect())
    await t.stop()
    await t.start({ moderatorPassword: 'keys to the lab' })
    const again = connectClient(t.server.url)
    clients.push(again)
    const joined = await request(again, 'session:join', { name: 'Bob', token: newToken() })
    if (!('data' in joined)) throw new Error(joined.message)
    expect(joined.data.rooms.map((room) => room.id)).toEqual(['general'])
    expect(joined.data.joinedRoomIds).not.toContain('spam')
  })

  it('brings a removed room back, with its messages and files, and everyone who was in it back in it', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const { client: otherMod } = await joinGiving('Max', 'keys to the lab')
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    await request(bob, 'room:create', { name: 'plans' })
    const kept = await t.send(bob, 'the plan stays', 'plans')
    const fileId = await uploadFile(bob, new Uint8Array(10), { roomId: 'plans' })
    expect(await sendMessage(bob, { roomId: 'plans', text: 'the map', fileId })).toMatchObject({ data: {} })
    expect(await request(mod, 'moderation:removed-rooms', {})).toEqual({ data: [] })

    const listed = waitForEvent(otherMod, 'moderation:removed-rooms', (rooms) => rooms.length === 1)
    expect(await request(mod, 'room:remove', { roomId: 'plans' })).toEqual({ data: null })
    const removedRoom = { id: 'plans', name: 'plans', removedAt: expect.any(Number), by: 'Mia' }
    expect((await listed)[0]).toEqual([removedRoom])
    expect(await request(mod, 'moderation:removed-rooms', {})).toEqual({ data: [removedRoom] })
    expect(await request(bob, 'moderation:removed-rooms', {})).toEqual({
      error: 'FORBIDDEN',
      message: 'Only moderators see removed rooms',
    })

    expect(await request(bob, 'room:restore', { roomId: 'plans' })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only moderators bring rooms back',
    })
    expect(await request(mod, 'room:restore', { roomId: 'general' })).toEqual({
      error: 'ROOM_NOT_FOUND',
      message: 'No removed room "general"',
    })
    const listedForCy = waitForEvent(cy, 'room:created', (room) => room.id === 'plans')
    const backForBob = waitForEvent(bob, 'room:added', (room) => room.id === 'plans')
    const emptied = waitForEvent(otherMod, 'moderation:removed-rooms', (rooms) => rooms.length === 0)
    expect(await request(mod, 'room:restore', { roomId: 'plans' })).toEqual({
      data: { id: 'plans', kind: 'room', name: 'plans' },
    })
    await Promise.all([listedForCy, backForBob, emptied])

    // Bob is in it again without joining: he hears what is said there, and reads what was.
    const heard = waitForEvent(bob, 'message:created', (message) => message.text === 'welcome back')
    await request(cy, 'room:join', { roomId: 'plans' })
    await t.send(cy, 'welcome back', 'plans')
    await heard
    expect((await t.history(bob, 'plans')).messages.map((message) => message.text)).toEqual([
      'the plan stays',
      'the map',
      'welcome back',
    ])
    expect((await t.history(bob, 'plans')).messages[0]!.id).toBe(kept.id)
    expect((await fetch(`${t.server.url}/files/${fileId}`)).status).toBe(200)
    expect(await request(mod, 'room:restore', { roomId: 'plans' })).toEqual({
      error: 'ROOM_NOT_FOUND',
      message: 'No removed room "plans"',
    })

    // Removed again, Bob's next session after a restart is not in it; brought back, it is.
    await request(mod, 'room:remove', { roomId: 'plans' })
    clients.splice(0).forEach((client) => client.disconnect())
    await t.stop()
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: modAgain } = await joinGiving('Mia', 'keys to the lab')
    expect(await request(modAgain, 'moderation:removed-rooms', {})).toEqual({ data: [removedRoom] })
    const bobAgain = async () => {
      const client = connectClient(t.server.url)
      clients.push(client)
      const joined = await request(client, 'session:join', { name: 'Bob', token: newToken() })
      if (!('data' in joined)) throw new Error(joined.message)
      client.disconnect()
      return joined.data.joinedRoomIds
    }
    expect(await bobAgain()).not.toContain('plans')
    await request(modAgain, 'room:restore', { roomId: 'plans' })
    expect(await bobAgain()).toContain('plans')
  })

  it('refuses a wrong moderator password, without the name, and after five a minute even the right one', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    for (let attempt = 0; attempt < 5; attempt++) {
      const { joined } = await joinGiving('Mia', `guess ${attempt}`)
      expect(joined).toEqual({ error: 'FORBIDDEN', message: 'Wrong moderator password' })
    }
    const { joined } = await joinGiving('Mia', 'keys to the lab')
    expect(joined).toMatchObject({ error: 'RATE_LIMITED', message: expect.stringMatching(/^Too many wrong moderator/) })
    // Nothing was claimed by the refused joins: the name is free, and joining without the password works.
    expect((await joinGiving('Mia')).joined).toMatchObject({ data: { name: 'Mia' } })
    expect(((await joinGiving('Zed')).joined as { data: { moderator?: boolean } }).data.moderator).toBeUndefined()
  })

  it('never makes a moderator of a repeated join, whatever password it carries', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const bob = await t.join('Bob')
    const rude = await t.send(bob, 'something rude')
    const token = newToken()
    const again = connectClient(t.server.url)
    clients.push(again)
    await request(again, 'session:join', { name: 'Dee', token })
    // The join repeated, as after a lost ack, now carrying a password it never had checked.
    const repeated = await request(again, 'session:join', { name: 'Dee', token, moderatorPassword: 'guess' })
    expect(repeated).toMatchObject({ data: { name: 'Dee' } })
    expect((repeated as { data: { moderator?: boolean } }).data.moderator).toBeUndefined()
    expect(await request(again, 'message:delete', { id: rude.id })).toMatchObject({ error: 'FORBIDDEN' })
  })

  /** Joins as `name` on `device`; the join's answer. */
  async function joinOn(name: string, device: string, token = newToken()) {
    const client = connectClient(t.server.url)
    clients.push(client)
    return { client, joined: await request(client, 'session:join', { name, token, device }) }
  }

  it('removes someone from the server: every device of theirs signed out, kept out by name and device, others untouched', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const cy = await t.join('Cy')
    const bobDevice = newToken()
    const { client: bobTab } = await joinOn('Bob', bobDevice)
    const { client: bobOtherTab } = await joinOn('Bob', bobDevice)
    const ended = [bobTab, bobOtherTab].map((tab) => waitForEvent(tab, 'session:ended'))
    const gone = [bobTab, bobOtherTab].map((tab) => new Promise((resolve) => tab.once('disconnect', resolve)))
    const left = waitForEvent(cy, 'presence:left', ({ name }) => name === 'Bob')
    const told = waitForEvent(mod, 'moderation:removals')

    const before = Date.now()
    const removed = await request(mod, 'moderation:remove', { name: 'bob', minutes: 15 })
    if (!('data' in removed)) throw new Error(removed.message)
    expect(removed.data).toMatchObject({ name: 'Bob', by: 'Mia' })
    expect(removed.data.until).toBeGreaterThanOrEqual(before + 15 * 60_000)
    for (const notice of await Promise.all(ended)) {
      expect(notice[0].reason).toBe('A moderator (Mia) removed you from this server for 15 minutes.')
    }
    await Promise.all(gone)
    await left
    expect((await told)[0]).toEqual([removed.data])

    // Back under the same name (any spelling), or under another name on the same device: refused, nothing claimed.
    for (const [name, device] of [
      ['BOB', newToken()],
      ['Robert', bobDevice],
    ] as const) {
      const { joined } = await joinOn(name, device)
      expect(joined).toEqual({
        error: 'FORBIDDEN',
        message: 'A moderator (Mia) removed you from this server. You can join again in 15 minutes.',
      })
    }
    expect(await request(mod, 'moderation:removals', {})).toEqual({ data: [removed.data] })
    // Everyone else chats on.
    expect((await t.send(cy, 'still here')).text).toBe('still here')

    // Let back in: the name and the device join again.
    const liftedTold = waitForEvent(mod, 'moderation:removals', (removals) => removals.length === 0)
    expect(await request(mod, 'moderation:lift', { name: 'Bob' })).toEqual({ data: [] })
    await liftedTold
    expect((await joinOn('Bob', bobDevice)).joined).toMatchObject({ data: { name: 'Bob' } })
    expect(await request(mod, 'moderation:lift', { name: 'Bob' })).toEqual({
      error: 'USER_NOT_FOUND',
      message: 'Bob is not removed',
    })
  })

  it('keeps someone removed across a restart of the server, until a moderator lets them back in', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const bobDevice = newToken()
    await joinOn('Bob', bobDevice)
    const removed = await request(mod, 'moderation:remove', { name: 'Bob', minutes: 1440 })
    if (!('data' in removed)) throw new Error(removed.message)
    clients.splice(0).forEach((client) => client.disconnect())
    await t.stop()

    await t.start({ moderatorPassword: 'keys to the lab' })
    for (const [name, device] of [
      ['bob', newToken()],
      ['Robert', bobDevice],
    ] as const) {
      expect((await joinOn(name, device)).joined).toEqual({
        error: 'FORBIDDEN',
        message: 'A moderator (Mia) removed you from this server. You can join again in 24 hours.',
      })
    }
    const { client: modAgain } = await joinGiving('Mia', 'keys to the lab')
    expect(await request(modAgain, 'moderation:removals', {})).toEqual({ data: [removed.data] })
    expect(await request(modAgain, 'moderation:lift', { name: 'Bob' })).toEqual({ data: [] })

    // Lifted for good: not back after another restart.
    clients.splice(0).forEach((client) => client.disconnect())
    await t.stop()
    await t.start({ moderatorPassword: 'keys to the lab' })
    expect((await joinOn('Bob', bobDevice)).joined).toMatchObject({ data: { name: 'Bob' } })
  })

  it('lets only a moderator remove, never themselves, only someone online, for one of the lengths offered', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: mod, joined } = await joinGiving('Mia', 'keys to the lab')
    expect(joined).toMatchObject({ data: { moderator: true } })
    const cy = await t.join('Cy')
    const refused = { error: 'FORBIDDEN', message: 'Only moderators can remove people' }
    expect(await request(cy, 'moderation:remove', { name: 'Mia', minutes: 60 })).toEqual(refused)
    expect(await request(cy, 'moderation:removals', {})).toEqual(refused)
    expect(await request(cy, 'moderation:lift', { name: 'Mia' })).toEqual(refused)
    expect(await request(mod, 'moderation:remove', { name: 'MIA', minutes: 60 })).toEqual({
      error: 'FORBIDDEN',
      message: 'You cannot remove yourself',
    })
    expect(await request(mod, 'moderation:remove', { name: 'Zed', minutes: 60 })).toEqual({
      error: 'USER_NOT_FOUND',
      message: 'Zed is not online',
    })
    expect(await request(mod, 'moderation:remove', { name: 'Cy', minutes: 5 as never })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'minutes: A removal lasts 15, 60, 1440 minutes',
    })
    // None of that removed anyone.
    expect(cy.connected).toBe(true)
    expect(await request(mod, 'moderation:removals', {})).toEqual({ data: [] })
  })

  it('never bars the moderator’s own device, even when the person removed shares it', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const shared = newToken()
    const mod = connectClient(t.server.url)
    clients.push(mod)
    await request(mod, 'session:join', {
      name: 'Mia',
      token: newToken(),
      device: shared,
      moderatorPassword: 'keys to the lab',
    })
    const { client: bob } = await joinOn('Bob', shared)
    const gone = new Promise((resolve) => bob.once('disconnect', resolve))
    expect(await request(mod, 'moderation:remove', { name: 'Bob', minutes: 15 })).toMatchObject({
      data: { name: 'Bob' },
    })
    await gone
    // The browser they share still joins under another name; Bob's name stays barred.
    expect((await joinOn('Dee', shared)).joined).toMatchObject({ data: { name: 'Dee' } })
    expect((await joinOn('Bob', shared)).joined).toMatchObject({ error: 'FORBIDDEN' })
  })

  it('ends a session that comes back restored after its person was removed', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const device = newToken()
    const { client: phone } = await joinOn('Bob', device)
    const laptop = io(t.server.url, { forceNew: true, transports: ['websocket'], reconnection: false }) as TestClient
    clients.push(laptop)
    await waitForEvent(laptop, 'server:hello')
    expect(await request(laptop, 'session:join', { name: 'Bob', token: newToken(), device })).toMatchObject({
      data: { name: 'Bob' },
    })
    // The laptop's link drops: the server keeps its session for Socket.IO to restore.
    const bobs = (): number => [...t.server.io.of('/').sockets.values()].filter((s) => s.data.name === 'Bob').length
    laptop.io.engine.close()
    await waitUntil(() => bobs() === 1, 10_000, 'the server to see the laptop go')
    expect(await request(mod, 'moderation:remove', { name: 'Bob', minutes: 60 })).toMatchObject({ data: {} })
    expect(phone.connected).toBe(false)

    // The laptop comes back offering its session, which the server restores, and ends.
    const comeback = io(t.server.url, { forceNew: true, transports: ['websocket'], autoConnect: false }) as TestClient
    clients.push(comeback)
    Object.assign(comeback as unknown as RecoveryState, {
      _pid: (laptop as unknown as RecoveryState)._pid,
      _lastOffset: (laptop as unknown as RecoveryState)._lastOffset,
    })
    const ended = waitForEvent(comeback, 'session:ended')
    comeback.connect()
    expect((await ended)[0].reason).toBe(
      'A moderator (Mia) removed you from this server. You can join again in 60 minutes.',
    )
    expect(comeback.recovered).toBe(true)
    await waitUntil(() => !comeback.connected, 10_000, 'the restored connection to close')
    expect(t.server.io.of('/').sockets.size).toBe(1)
  })

  it('has none on a server without a moderator password', async () => {
    await t.start()
    expect((await joinGiving('Mia', 'anything')).joined).toEqual({
      error: 'FORBIDDEN',
      message: 'This server has no moderators',
    })
  })
})
