import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { waitForEvent } from '../helpers/server'
import { request, openDm } from '../helpers/request'

describe('editing and deleting messages', () => {
  const t = useServerFixture()
  const { join, send, history } = t

  it('replaces the text for everyone, in history too, and marks the message edited', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const sent = await send(ann, 'helo')
    const seen = waitForEvent(bob, 'message:updated')
    const before = Date.now()
    const edited = await request(ann, 'message:edit', { id: sent.id, text: 'hello' })
    if (!('data' in edited)) throw new Error(edited.message)
    expect(edited.data).toEqual({ ...sent, text: 'hello', editedAt: expect.any(Number), rev: 1 })
    expect(edited.data.editedAt).toBeGreaterThanOrEqual(before - 1000)
    expect((await seen)[0]).toEqual(edited.data)
    expect(await history(bob)).toEqual({ messages: [edited.data], hasMore: false, rev: 1 })
  })

  it('leaves a tombstone without the text when a message is deleted, and a repeat changes nothing', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const kept = await send(ann, 'kept')
    const sent = await send(ann, 'oops, wrong room')
    const seen = waitForEvent(bob, 'message:updated')
    const deleted = await request(ann, 'message:delete', { id: sent.id })
    const tombstone = { ...sent, text: '', deletedAt: expect.any(Number), rev: 1 }
    expect(deleted).toEqual({ data: tombstone })
    expect((await seen)[0]).toEqual(tombstone)
    expect(await request(ann, 'message:delete', { id: sent.id })).toEqual(deleted)
    expect((await history(bob)).messages).toEqual([kept, tombstone])
    expect(await request(ann, 'message:edit', { id: sent.id, text: 'back' })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
      message: 'This message was deleted',
    })
  })

  it('lets only the author change a message, and only in a room they can read', async () => {
    await t.start()
    const ann = await join('Ann')
    const bob = await join('bob')
    await join('cy')
    const sent = await send(ann, 'mine')
    expect(await request(bob, 'message:edit', { id: sent.id, text: 'yours' })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only its author can change a message',
    })
    expect(await request(bob, 'message:delete', { id: sent.id })).toMatchObject({ error: 'FORBIDDEN' })
    expect(await request(ann, 'message:edit', { id: sent.id + 100, text: 'x' })).toEqual({
      error: 'MESSAGE_NOT_FOUND',
      message: `No message ${sent.id + 100}`,
    })

    // A DM between Ann and cy is missing to Bob, as the room itself is.
    const dm = await openDm(ann, 'cy')
    const secret = await send(ann, 'just us', dm.id)
    expect(await request(bob, 'message:delete', { id: secret.id })).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })
    expect(await request(bob, 'message:changes', { roomId: dm.id, after: 0 })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })

    // The author is recognized as names are: case does not matter.
    const left = waitForEvent(bob, 'presence:left')
    ann.disconnect()
    await left
    const again = await join('ann')
    await expect(request(again, 'message:edit', { id: sent.id, text: 'still mine' })).resolves.toMatchObject({
      data: { text: 'still mine', author: 'Ann' },
    })
    expect((await history(bob)).messages.map((message) => message.text)).toEqual(['still mine'])
  })

  it('refuses an edit that is empty, too long or malformed, and keeps the text', async () => {
    await t.start()
    const ann = await join('ann')
    const sent = await send(ann, 'original')
    for (const payload of [
      { id: sent.id, text: '   ' },
      { id: sent.id, text: 'x'.repeat(LIMITS.messageMaxLength + 1) },
      { id: -1, text: 'x' },
      { id: sent.id, text: 'x', roomId: 'general' },
    ]) {
      expect(await request(ann, 'message:edit', payload as never)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
    expect((await history(ann)).messages).toEqual([sent])
  })

  it('gives the changes after a change number, room by room, in change order and in pages', async () => {
    await t.start()
    const ann = await join('ann')
    await request(ann, 'room:create', { name: 'side' })
    const a = await send(ann, 'a')
    const b = await send(ann, 'b')
    const side = await send(ann, 'side', 'side')
    const { rev: start } = await history(ann)
    expect(start).toBe(0)

    await request(ann, 'message:edit', { id: b.id, text: 'b1' })
    await request(ann, 'message:edit', { id: side.id, text: 'side1' })
    await request(ann, 'message:delete', { id: a.id })
    await request(ann, 'message:edit', { id: b.id, text: 'b2' })

    const all = await request(ann, 'message:changes', { roomId: 'general', after: start })
    if (!('data' in all)) throw new Error(all.message)
    // Each message once, in its latest state, in the order of its latest change.
    expect(all.data.messages.map((message) => [message.id, message.text, message.rev])).toEqual([
      [a.id, '', 3],
      [b.id, 'b2', 4],
    ])
    expect(all.data).toMatchObject({ hasMore: false, rev: 4 })

    const first = await request(ann, 'message:changes', { roomId: 'general', after: start, limit: 1 })
    expect(first).toMatchObject({ data: { messages: [{ id: a.id }], hasMore: true } })
    const rest = await request(ann, 'message:changes', { roomId: 'general', after: 3 })
    expect(rest).toMatchObject({ data: { messages: [{ id: b.id }], hasMore: false } })
    expect(await request(ann, 'message:changes', { roomId: 'side', after: 0 })).toMatchObject({
      data: { messages: [{ id: side.id, text: 'side1', rev: 2 }] },
    })
  })

  it('keeps edits across a restart, and change numbers go on growing', async () => {
    await t.start()
    let ann = await join('ann')
    const sent = await send(ann, 'first')
    await request(ann, 'message:edit', { id: sent.id, text: 'second' })
    await t.stop()

    await t.start()
    ann = await join('ann')
    expect(await history(ann)).toMatchObject({ messages: [{ text: 'second', rev: 1 }], rev: 1 })
    expect(await request(ann, 'message:edit', { id: sent.id, text: 'third' })).toMatchObject({
      data: { text: 'third', rev: 2 },
    })
  })
})
