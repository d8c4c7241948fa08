import { join as joinPath } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS, nameKey, type ScheduledMessage } from '../../protocol'
import { DATABASE_FILE } from '../../server/storage/database'
import { useServerFixture } from '../helpers/fixture'
import { openDm, request } from '../helpers/request'
import { connectClient, newToken, waitForEvent, waitUntil, type TestClient } from '../helpers/server'

/** Schedules a message; throws unless it was taken. */
async function schedule(
  client: TestClient,
  payload: { roomId?: string; text: string; at: number; replyTo?: number },
): Promise<ScheduledMessage> {
  const result = await request(client, 'message:schedule', { roomId: 'general', ...payload })
  if (!('data' in result)) throw new Error(result.message)
  return result.data
}

/** What `client`'s person has scheduled; throws on an error. */
async function pending(client: TestClient): Promise<ScheduledMessage[]> {
  const result = await request(client, 'scheduled:list', {})
  if (!('data' in result)) throw new Error(result.message)
  return result.data
}

describe('scheduled messages', () => {
  const t = useServerFixture()
  const { join, send, history } = t
  const others: TestClient[] = []
  afterEach(() => others.splice(0).forEach((client) => client.disconnect()))
  /** Joins with more: the same device as another tab (a name on two devices), or a moderator's password. */
  const joinWith = async (name: string, more: { device?: string; moderatorPassword?: string }): Promise<TestClient> => {
    const client = connectClient(t.server.url)
    others.push(client)
    const joined = await request(client, 'session:join', { name, token: newToken(), ...more })
    if (!('data' in joined)) throw new Error(joined.message)
    return client
  }

  it('go out at their time as their writer, to everyone in the room, and leave the writer’s list on every device', async () => {
    await t.start()
    const laptop = await joinWith('Ann', { device: 'anns-laptop-and-phone' })
    const phone = await joinWith('ann', { device: 'anns-laptop-and-phone' })
    const bob = await join('Bob')
    const question = await send(bob, 'who is bringing the projector?')

    // Listening first: on a busy machine its time may come before the ack is read.
    const text = 'I am, see you at ten'
    const listed = waitForEvent(phone, 'scheduled:changed', (list) => list.length === 1)
    const arrived = waitForEvent(bob, 'message:created', (message) => message.text === text)
    const onPhone = waitForEvent(phone, 'message:created', (message) => message.text === text)
    const emptied = waitForEvent(phone, 'scheduled:changed', (list) => list.length === 0)
    const entry = await schedule(laptop, { text, at: Date.now() + 1000, replyTo: question.id })
    expect(entry).toMatchObject({ roomId: 'general', text, replyTo: question.id })
    expect(entry.failed).toBeUndefined()
    expect((await listed)[0]).toEqual([entry])

    // The device that wrote it goes; it still goes, to everyone in the room (the writer's phone too).
    laptop.disconnect()
    const [message] = await arrived
    expect(message).toMatchObject({ author: 'Ann', roomId: 'general', replyTo: { id: question.id } })
    expect(message.ts).toBeGreaterThanOrEqual(entry.at)
    expect((await onPhone)[0].id).toBe(message.id)
    await emptied
    expect((await history(bob)).messages.map(({ text }) => text)).toEqual([question.text, entry.text])
    expect(await request(phone, 'scheduled:list', {})).toEqual({ data: [] })
  })

  it('wait out a restart, and go once it is back, their writer offline', async () => {
    await t.start()
    const ann = await join('Ann')
    const entry = await schedule(ann, { text: 'reminder: fire drill at noon', at: Date.now() + 300 })
    await t.stop()
    // Due while the server was down: sent as soon as it starts.
    await waitUntil(() => Date.now() > entry.at, 5_000, 'its time')
    await t.start()
    const bob = await join('Bob')
    await waitUntil(
      async () => (await history(bob)).messages.some((message) => message.text === entry.text),
      5_000,
      'the message sent after the restart',
    )
    const { messages } = await history(bob)
    expect(messages.filter((message) => message.text === entry.text)).toHaveLength(1)
    expect(await pending(await join('Ann'))).toEqual([])

    // A crash between storing it and forgetting it: at the next start it is forgotten, not sent twice.
    await t.stop()
    const db = new Database(joinPath(t.dataDir, DATABASE_FILE))
    db.prepare(
      `INSERT INTO scheduled_messages (id, name_key, author, moderator, room_id, text, at)
       VALUES (?, ?, 'Ann', 0, 'general', ?, ?)`,
    ).run(entry.id, nameKey('Ann'), entry.text, entry.at)
    db.close()
    await t.start()
    const ann2 = await join('Ann')
    await waitUntil(async () => (await pending(ann2)).length === 0, 5_000, 'the scheduled message forgotten')
    const after = await history(ann2)
    expect(after.messages.filter((message) => message.text === entry.text)).toHaveLength(1)
  })

  it('can be changed, sent now or cancelled by their writer only', async () => {
    await t.start({ rateLimits: { requestsPerSecond: 1e6, sendsPerSecond: 1e6 } })
    const ann = await join('Ann')
    const bob = await join('Bob')
    const later = Date.now() + 60 * 60 * 1000
    const first = await schedule(ann, { text: 'frist draft', at: later })
    const second = await schedule(ann, { text: 'second thoughts', at: later + 1 })
    const third = await schedule(ann, { text: 'third time lucky', at: later + 2 })

    // Someone else's are not there to them.
    for (const event of ['scheduled:send', 'scheduled:cancel'] as const) {
      expect(await request(bob, event, { id: first.id })).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })
    }
    expect(await request(bob, 'scheduled:edit', { id: first.id, text: 'mine now' })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })
    expect(await request(bob, 'scheduled:list', {})).toEqual({ data: [] })

    // New words, then a sooner time: the list follows the time.
    expect(await request(ann, 'scheduled:edit', { id: first.id, text: 'first draft' })).toMatchObject({
      data: { id: first.id, text: 'first draft', at: later },
    })
    const soon = Date.now() + 2_000
    expect(await request(ann, 'scheduled:edit', { id: third.id, at: soon })).toMatchObject({
      data: { id: third.id, at: soon },
    })
    expect(await request(ann, 'scheduled:list', {})).toMatchObject({
      data: [{ id: third.id }, { id: first.id }, { id: second.id }],
    })
    expect(await request(ann, 'scheduled:edit', { id: third.id })).toMatchObject({ error: 'INVALID_PAYLOAD' })

    // Sent now: at once, and in the ack.
    const sentNow = await request(ann, 'scheduled:send', { id: second.id })
    expect(sentNow).toMatchObject({ data: { text: 'second thoughts', author: 'Ann' } })
    expect(await request(ann, 'scheduled:send', { id: second.id })).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })

    // Cancelled: never sent, though a later one was.
    expect(await request(ann, 'scheduled:cancel', { id: first.id })).toEqual({ data: { id: first.id } })
    await waitUntil(
      async () => (await history(bob)).messages.some((message) => message.text === 'third time lucky'),
      5_000,
      'the rescheduled one',
    )
    expect((await history(bob)).messages.map(({ text }) => text)).toEqual(['second thoughts', 'third time lucky'])
    expect(await request(ann, 'scheduled:list', {})).toEqual({ data: [] })
  })

  it('refuses what could not be sent now, a time out of reach, and more than its limit', async () => {
    await t.start({ rateLimits: { requestsPerSecond: 1e6, sendsPerSecond: 1e6 } })
    const ann = await join('Ann')
    const bob = await join('Bob')
    await join('Cy')
    const now = Date.now()
    const refused = (payload: Parameters<typeof schedule>[1]): Promise<unknown> =>
      request(ann, 'message:schedule', { roomId: 'general', ...payload })

    expect(await refused({ text: '   ', at: now + 1000 })).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(await refused({ text: 'back then', at: now - 5 * 60_000 })).toMatchObject({
      error: 'INVALID_PAYLOAD',
      message: 'That time has passed',
    })
    expect(await refused({ text: 'far off', at: now + LIMITS.scheduleAheadMaxMs + 60_000 })).toMatchObject({
      error: 'INVALID_PAYLOAD',
      message: 'A message can be scheduled at most a year ahead',
    })
    // A DM of others is not there at all; nor is a message elsewhere to reply to.
    const dm = await openDm(bob, 'Cy')
    expect(await refused({ roomId: dm.id, text: 'hi', at: now + 1000 })).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    const inDm = await send(bob, 'psst', dm.id)
    expect(await refused({ text: 'yes', at: now + 1000, replyTo: inDm.id })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })

    for (let i = 0; i < LIMITS.scheduledPerPersonMax; i++)
      await schedule(ann, { text: `note ${i}`, at: now + 3600_000 })
    expect(await refused({ text: 'one more', at: now + 3600_000 })).toMatchObject({
      error: 'INVALID_PAYLOAD',
      message: `You can have at most ${LIMITS.scheduledPerPersonMax} messages scheduled: send or cancel one first`,
    })
  })

  it('are kept, with why, when their writer can no longer post there, and go once they can', async () => {
    await t.start()
    const ann = await join('Ann')
    const bob = await join('Bob')
    const lab = await request(bob, 'room:create', { name: 'lab', private: true })
    if (!('data' in lab)) throw new Error(lab.message)
    await request(bob, 'room:invite', { roomId: lab.data.id, name: 'Ann' })
    await request(ann, 'room:join', { roomId: lab.data.id })
    const entry = await schedule(ann, { roomId: lab.data.id, text: 'results are in', at: Date.now() + 3_600_000 })
    await request(bob, 'room:remove-person', { roomId: lab.data.id, name: 'Ann' })

    // Its time comes (brought forward) after she was taken out.
    const failed = waitForEvent(ann, 'scheduled:changed', (changed) => changed[0]?.failed !== undefined)
    expect(await request(ann, 'scheduled:edit', { id: entry.id, at: Date.now() })).toHaveProperty('data')
    const [list] = await failed
    const why = 'Its room was removed, or you are no longer in it'
    expect(list).toEqual([{ ...entry, at: expect.any(Number), failed: why }])
    expect((await history(bob, lab.data.id)).messages).toEqual([])
    // A failed one waits for its writer: sending it again says why, and it stays.
    expect(await request(ann, 'scheduled:send', { id: entry.id })).toMatchObject({ error: 'ROOM_NOT_FOUND' })

    // Added back, a new time tries again.
    await request(bob, 'room:invite', { roomId: lab.data.id, name: 'Ann' })
    const retried = await request(ann, 'scheduled:edit', { id: entry.id, at: Date.now() })
    expect(retried).toEqual({ data: { ...entry, at: expect.any(Number) } })
    await waitUntil(
      async () => (await history(bob, lab.data.id)).messages.some((message) => message.text === entry.text),
      5_000,
      'the retried message',
    )
  })

  it('go where only moderators post only if a moderator wrote them', async () => {
    await t.start({ moderatorPassword: 'hunter2' })
    const ann = await join('Ann')
    const mod = await joinWith('Mo', { moderatorPassword: 'hunter2' })
    const at = Date.now() + 60 * 60 * 1000
    const anns = await schedule(ann, { text: 'my two cents', at })
    const mods = await schedule(mod, { text: 'doors open at nine', at })
    expect(await request(mod, 'room:posting', { roomId: 'general', onlyModerators: true })).toHaveProperty('data')

    expect(await request(ann, 'scheduled:send', { id: anns.id })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only moderators post in #general',
    })
    expect(await pending(ann)).toEqual([{ ...anns, failed: 'Only moderators post in #general' }])
    expect(await request(mod, 'scheduled:send', { id: mods.id })).toMatchObject({
      data: { author: 'Mo', text: 'doors open at nine' },
    })

    // Removed by a moderator: what they scheduled does not go while they are kept out.
    await request(mod, 'room:posting', { roomId: 'general', onlyModerators: false })
    const bobs = await schedule(await join('Bob'), { roomId: 'general', text: 'nothing to see', at })
    expect(await request(mod, 'moderation:remove', { name: 'Bob', minutes: 60 })).toHaveProperty('data')
    await t.stop()
    const db = new Database(joinPath(t.dataDir, DATABASE_FILE))
    db.prepare('UPDATE scheduled_messages SET at = ? WHERE id = ?').run(Date.now(), bobs.id)
    const failedWhy = db.prepare<[number], string | null>('SELECT failed FROM scheduled_messages WHERE id = ?').pluck()
    await t.start({ moderatorPassword: 'hunter2' })
    await waitUntil(() => failedWhy.get(bobs.id) !== null, 5_000, 'the removed person’s message kept back')
    expect(failedWhy.get(bobs.id)).toBe('You were removed from this server')
    db.close()
    expect((await history(await join('Cy'))).messages.map(({ text }) => text)).not.toContain('nothing to see')
  })

  it('wait for their writer’s turn in slow mode', async () => {
    await t.start({ moderatorPassword: 'hunter2' })
    const ann = await join('Ann')
    const mod = await joinWith('Mo', { moderatorPassword: 'hunter2' })
    expect(await request(mod, 'room:slow-mode', { roomId: 'general', seconds: 10 })).toMatchObject({ data: {} })
    await send(ann, 'first')
    const at = Date.now()
    // Listening first: the server may put it off before its ack arrives.
    const putOff = waitForEvent(ann, 'scheduled:changed', (changed) => (changed[0]?.at ?? 0) > at)
    const entry = await schedule(ann, { text: 'second, in good time', at })
    const [list] = await putOff
    expect(list).toEqual([{ ...entry, at: expect.any(Number) }])
    expect(list[0]!.at).toBeGreaterThan(at + 8_000)
  })
})
