import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { waitForEvent } from '../helpers/server'
import { request, requestPatiently, openDm, sendMessage } from '../helpers/request'

describe('unread counts after a read mark', () => {
  const t = useServerFixture()
  const { join, send } = t

  it('counts others’ messages after the mark, not one’s own or deleted ones, with the newest id', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const read = await send(bob, 'read already')
    await send(bob, 'one')
    await send(ann, 'mine')
    const oops = await send(bob, 'oops')
    const last = await send(bob, 'two')
    await request(bob, 'message:delete', { id: oops.id })
    const lab = await request(bob, 'room:create', { name: 'lab' })
    if (!('data' in lab)) throw new Error(lab.message)

    expect(
      await request(ann, 'message:unread', {
        marks: [
          { roomId: 'general', upTo: read.id },
          { roomId: lab.data.id, upTo: 0 },
        ],
      }),
    ).toEqual({
      data: [
        { roomId: 'general', count: 2, mentions: 0, upTo: last.id, readUpTo: read.id },
        { roomId: lab.data.id, count: 0, mentions: 0, upTo: 0, readUpTo: 0 },
      ],
    })
    expect(await request(ann, 'message:unread', { marks: [{ roomId: 'general', upTo: last.id }] })).toEqual({
      data: [{ roomId: 'general', count: 0, mentions: 0, upTo: last.id, readUpTo: last.id }],
    })
  })

  it('keeps each person’s marks, so another device counts from where they stopped reading, and never back', async () => {
    await t.start()
    const bob = await join('bob')
    const first = await send(bob, 'one')
    const second = await send(bob, 'two')
    const third = await send(bob, 'three')
    // On the desktop, Ann reads up to the second message.
    const desktop = await join('ann')
    expect(await request(desktop, 'message:read', { roomId: 'general', upTo: second.id })).toEqual({
      data: { roomId: 'general', upTo: second.id },
    })
    // A late mark from a device that read less does not take it back.
    expect(await request(desktop, 'message:read', { roomId: 'general', upTo: first.id })).toEqual({
      data: { roomId: 'general', upTo: second.id },
    })
    desktop.disconnect()

    // Later, in a browser that has no marks of its own, under another case of the name.
    const browser = await join('ANN')
    const counted = { roomId: 'general', count: 1, mentions: 0, upTo: third.id, readUpTo: second.id }
    expect(await request(browser, 'message:unread', { marks: [], rooms: ['general'] })).toEqual({ data: [counted] })
    // A device's older mark counts from the server's; a newer one raises the server's.
    expect(await request(browser, 'message:unread', { marks: [{ roomId: 'general', upTo: first.id }] })).toEqual({
      data: [counted],
    })
    await request(browser, 'message:unread', { marks: [{ roomId: 'general', upTo: third.id }] })
    expect(await request(browser, 'message:unread', { marks: [], rooms: ['general'] })).toMatchObject({
      data: [{ roomId: 'general', count: 0, readUpTo: third.id }],
    })
    // Bob's marks are his own, and a room read nowhere counts nothing: its history from before is not news.
    expect(await request(bob, 'message:unread', { marks: [], rooms: ['general'] })).toEqual({ data: [] })
    // A DM read nowhere is news, all of it: each counts the other's messages from its start.
    const dm = await request(bob, 'dm:open', { name: 'ANN' })
    if (!('data' in dm)) throw new Error(dm.message)
    await send(bob, 'psst', dm.data.id)
    const answer = await send(browser, 'yes?', dm.data.id)
    for (const reader of [bob, browser]) {
      // Patiently: this request shares the search limit, and the test has made several.
      expect(await requestPatiently(reader, 'message:unread', { marks: [], rooms: [dm.data.id] })).toEqual({
        data: [{ roomId: dm.data.id, count: 1, mentions: 0, upTo: answer.id, readUpTo: 0 }],
      })
    }
    expect(await request(bob, 'message:read', { roomId: 'nowhere', upTo: 1 })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
  })

  it('counts a room joined and never read from the join, on any device, and a second join moves nothing', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const lab = await request(bob, 'room:create', { name: 'lab' })
    if (!('data' in lab)) throw new Error(lab.message)
    const before = await send(bob, 'from before Ann came', lab.data.id)
    expect(await request(ann, 'room:join', { roomId: lab.data.id })).toMatchObject({ data: { id: lab.data.id } })
    await send(bob, 'hello Ann', lab.data.id)
    const last = await send(bob, 'are you there?', lab.data.id)
    // Joined again from another device: the mark stays at the first join.
    ann.disconnect()
    const phone = await join('ann')
    await request(phone, 'room:join', { roomId: lab.data.id })
    const counted = { roomId: lab.data.id, count: 2, mentions: 0, upTo: last.id, readUpTo: before.id }
    expect(await request(phone, 'message:unread', { marks: [], rooms: [lab.data.id] })).toEqual({ data: [counted] })

    // Invited to a private room with history: the same, from the invitation.
    const secret = await request(bob, 'room:create', { name: 'secret', private: true })
    if (!('data' in secret)) throw new Error(secret.message)
    const old = await send(bob, 'before the invitation', secret.data.id)
    await request(bob, 'room:invite', { roomId: secret.data.id, name: 'ann' })
    const news = await send(bob, 'welcome', secret.data.id)
    expect(await requestPatiently(phone, 'message:unread', { marks: [], rooms: [secret.data.id] })).toEqual({
      data: [{ roomId: secret.data.id, count: 1, mentions: 0, upTo: news.id, readUpTo: old.id }],
    })
    // Its creator's other devices count what others say in it from its start.
    bob.disconnect()
    const laptop = await join('bob')
    const answer = await send(phone, 'thanks', secret.data.id)
    expect(await requestPatiently(laptop, 'message:unread', { marks: [], rooms: [secret.data.id] })).toEqual({
      data: [{ roomId: secret.data.id, count: 1, mentions: 0, upTo: answer.id, readUpTo: 0 }],
    })
  })

  it('counts the unread addressed to the reader: an @name in any case or form, a calling @room, a reply to theirs', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const read = await send(ann, 'where shall we eat?')
    await send(bob, '@ANN pizza?')
    await send(bob, '\uFF20ann sushi?') // the fullwidth at sign, which NFKC folds into `@`
    await send(bob, 'ask @annie') // another name that starts the same
    await send(bob, 'mail ann@example.com')
    await send(bob, 'lunch @room')
    const gone = await send(bob, '@ann forget it')
    await request(bob, 'message:delete', { id: gone.id })
    const reply = await sendMessage(bob, { roomId: 'general', text: 'tacos', replyTo: read.id })
    if (!('data' in reply)) throw new Error(reply.message)
    const own = await send(ann, '@ann note to self')

    expect(await request(ann, 'message:unread', { marks: [{ roomId: 'general', upTo: read.id }] })).toEqual({
      data: [{ roomId: 'general', count: 6, mentions: 4, upTo: own.id, readUpTo: read.id }],
    })
    // Bob is addressed by none of it, his own messages aside.
    expect(await request(bob, 'message:unread', { marks: [{ roomId: 'general', upTo: 0 }] })).toMatchObject({
      data: [{ count: 2, mentions: 0 }],
    })
  })

  it('reads only the newest unread for mentions, so a long absence costs a bounded read', async () => {
    await t.start({ rateLimits: { requestsPerSecond: 1e6, sendsPerSecond: 1e6 } })
    const ann = await join('ann')
    const bob = await join('bob')
    const read = await send(ann, 'back soon')
    await send(bob, '@ann before the window')
    for (let i = 0; i < LIMITS.unreadMentionScanMax; i++) await send(bob, `news ${i}`)
    await send(bob, '@ann in the window')
    expect(
      await requestPatiently(ann, 'message:unread', { marks: [{ roomId: 'general', upTo: read.id }] }),
    ).toMatchObject({
      data: [{ count: LIMITS.unreadCountMax, mentions: 1 }],
    })
  })

  it('marks a room unread from a message on, for all of a person’s devices, until they read past it', async () => {
    await t.start()
    // Two tabs of one browser (one device id) may share a name, as linked devices do.
    const tab = async (name: string) => (await t.tab(name)).client
    const desktop = await tab('ann')
    const phone = await tab('ANN')
    const bob = await join('bob')
    const dm = await openDm(bob, 'ann')
    const first = await send(bob, 'one', dm.id)
    const second = await send(bob, '@ann two', dm.id)
    const third = await send(bob, 'three', dm.id)
    await request(desktop, 'message:read', { roomId: dm.id, upTo: third.id })

    const told = waitForEvent(phone, 'read:unmarked')
    const unmarked = { roomId: dm.id, count: 2, mentions: 1, upTo: third.id, readUpTo: first.id }
    expect(await request(desktop, 'message:mark-unread', { roomId: dm.id, upTo: first.id })).toEqual({
      data: unmarked,
    })
    expect((await told)[0]).toEqual(unmarked)
    // A device that read it all before (or offline) counts from the point marked, not from its own mark.
    expect(await request(phone, 'message:unread', { marks: [{ roomId: dm.id, upTo: third.id }] })).toEqual({
      data: [unmarked],
    })
    // Bob's Seen stays: Ann did read it.
    expect(await request(bob, 'receipts:get', {})).toEqual({
      data: { share: true, marks: [{ roomId: dm.id, upTo: third.id }] },
    })
    // A late mark from before the point moves nothing; reading past it reads the room again.
    await request(phone, 'message:read', { roomId: dm.id, upTo: first.id })
    expect(await request(phone, 'message:unread', { marks: [], rooms: [dm.id] })).toMatchObject({
      data: [{ count: 2, readUpTo: first.id }],
    })
    await request(phone, 'message:read', { roomId: dm.id, upTo: second.id })
    expect(await requestPatiently(desktop, 'message:unread', { marks: [], rooms: [dm.id] })).toMatchObject({
      data: [{ count: 0, readUpTo: third.id }],
    })
    // Never past the newest, nor past what was read: asking to mark beyond them reads nothing.
    expect(await request(desktop, 'message:mark-unread', { roomId: dm.id, upTo: 10 ** 9 })).toMatchObject({
      data: { count: 0, readUpTo: third.id },
    })
    const fourth = await send(bob, 'four', dm.id)
    expect(await request(desktop, 'message:mark-unread', { roomId: dm.id, upTo: fourth.id })).toMatchObject({
      data: { count: 1, readUpTo: third.id },
    })
    // A room one cannot read cannot be marked.
    const secret = await request(bob, 'room:create', { name: 'secret', private: true })
    if (!('data' in secret)) throw new Error(secret.message)
    expect(await request(desktop, 'message:mark-unread', { roomId: secret.data.id, upTo: 0 })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
  })

  it('shares the search rate limit: its cost grows with the rooms asked for', async () => {
    await t.start({ rateLimits: { searchesPerSecond: 1 } })
    const ann = await join('ann')
    const marks = [{ roomId: 'general', upTo: 0 }]
    expect(await request(ann, 'message:unread', { marks })).toMatchObject({ data: [{ roomId: 'general' }] })
    expect(await request(ann, 'message:unread', { marks })).toMatchObject({ error: 'RATE_LIMITED' })
  })

  it('leaves out rooms the reader cannot read, and refuses malformed marks', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    await join('cy')
    const dm = await openDm(bob, 'cy')
    await send(bob, 'just us', dm.id)
    expect(
      await request(ann, 'message:unread', {
        marks: [
          { roomId: dm.id, upTo: 0 },
          { roomId: 'nowhere', upTo: 0 },
        ],
      }),
    ).toEqual({ data: [] })
    const tooMany = Array.from({ length: LIMITS.rejoinRoomsMax + 1 }, () => ({ roomId: 'general', upTo: 0 }))
    for (const marks of [[{ roomId: 'general', upTo: -1 }], tooMany, 'general']) {
      expect(await request(ann, 'message:unread', { marks } as never)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
  })
})
