import { describe, expect, it } from 'vitest'
import { LIMITS, type Message } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { waitForEvent, type TestClient } from '../helpers/server'
import { request, sendMessage, openDm } from '../helpers/request'

describe('replies', () => {
  const t = useServerFixture()
  const { join, send } = t
  const reply = async (client: TestClient, replyTo: number, text: string, roomId = 'general'): Promise<Message> => {
    const result = await sendMessage(client, { roomId, text, replyTo })
    if (!('data' in result)) throw new Error(result.message)
    return result.data
  }
  const history = async (client: TestClient): Promise<Message[]> => (await t.history(client)).messages

  it('carries the start of the message answered, to everyone and in history', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const question = await send(ann, 'lunch at noon?')
    const arrived = waitForEvent(ann, 'message:created')
    const answer = await reply(bob, question.id, 'yes!')
    const quote = { id: question.id, author: 'ann', text: 'lunch at noon?', replies: 1 }
    expect(answer.replyTo).toEqual(quote)
    expect((await arrived)[0]).toEqual(answer)
    expect(await history(ann)).toEqual([{ ...question, replies: 1 }, answer])
    // A plain message carries no quote at all.
    expect(question).not.toHaveProperty('replyTo')
  })

  it('quotes at most the first characters, marked as cut, never half of an emoji', async () => {
    await t.start()
    const ann = await join('ann')
    const long = await send(ann, `${'a'.repeat(LIMITS.quoteMaxLength - 2)}😀 and much more after it`)
    const answer = await reply(ann, long.id, 'tl;dr')
    expect(answer.replyTo!.text).toBe(`${'a'.repeat(LIMITS.quoteMaxLength - 2)}…`)
    expect((await history(ann)).at(-1)!.replyTo).toEqual(answer.replyTo)
    const fits = await send(ann, 'b'.repeat(LIMITS.quoteMaxLength))
    expect((await reply(ann, fits.id, 'ok')).replyTo!.text).toBe(fits.text)
  })

  it('shows the answered message as it is now: edited, or deleted with its text gone', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const question = await send(ann, 'lunch at 12?')
    const answer = await reply(bob, question.id, 'sure')
    await request(ann, 'message:edit', { id: question.id, text: 'lunch at 1?' })
    const edited = { id: question.id, author: 'ann', text: 'lunch at 1?', replies: 1 }
    expect((await history(bob)).at(-1)!.replyTo).toEqual(edited)

    await request(ann, 'message:delete', { id: question.id })
    const quoted = { id: question.id, author: 'ann', text: '', deleted: true, replies: 1 }
    expect((await history(bob)).at(-1)).toEqual({ ...answer, replyTo: quoted })
    // Answering a deleted message is allowed: a reply written before it went must not be lost.
    expect((await reply(bob, question.id, 'too late')).replyTo).toEqual({ ...quoted, replies: 2 })
  })

  it('refuses a reply to a message in another room, a DM it cannot read, or none', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    await join('cy')
    const room = await request(ann, 'room:create', { name: 'lab' })
    if (!('data' in room)) throw new Error(room.message)
    const elsewhere = await send(ann, 'in the lab', room.data.id)
    const dm = await openDm(ann, 'cy')
    const secret = await send(ann, 'just us', dm.id)

    for (const replyTo of [elsewhere.id, secret.id, secret.id + 100]) {
      expect(await sendMessage(bob, { roomId: 'general', text: 'hm', replyTo })).toEqual({
        error: 'MESSAGE_NOT_FOUND',
        message: `No message ${replyTo} here to reply to`,
      })
    }
    expect(await sendMessage(bob, { roomId: 'general', text: 'hm', replyTo: 0 })).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
    expect(await history(bob)).toEqual([])
  })

  it('counts the replies a message has, those beyond any page read included, and not the deleted ones', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const question = await send(ann, 'who is in on friday?')
    const first = await reply(bob, question.id, 'me')
    expect(first.replyTo!.replies).toBe(1)
    // Far enough on that a page around the question holds no other reply.
    for (let i = 0; i < 60; i++) await send(ann, `filler ${i}`)
    const heard = waitForEvent(ann, 'message:created')
    const second = await reply(bob, question.id, 'me too')
    // Everyone in the room learns the new count with the reply.
    expect(second.replyTo!.replies).toBe(2)
    expect((await heard)[0].replyTo!.replies).toBe(2)
    const around = await request(ann, 'message:history', { roomId: 'general', before: question.id + 2, limit: 5 })
    if (!('data' in around)) throw new Error(around.message)
    expect(around.data.messages.find((message) => message.id === question.id)!.replies).toBe(2)
    // A reply answered counts its own, and not its root's.
    expect(around.data.messages.find((message) => message.id === first.id)).not.toHaveProperty('replies')

    const changed = waitForEvent(ann, 'message:updated')
    await request(bob, 'message:delete', { id: second.id })
    // The deletion says the count dropped, to those who hold the question but not the reply.
    expect((await changed)[0].replyTo!.replies).toBe(1)
    expect((await request(ann, 'message:thread', { id: question.id })) as unknown).toMatchObject({
      data: { root: { id: question.id, replies: 1 } },
    })
    await request(bob, 'message:delete', { id: first.id })
    const alone = await request(ann, 'message:thread', { id: question.id })
    if (!('data' in alone)) throw new Error(alone.message)
    expect(alone.data.root).not.toHaveProperty('replies')
  })

  it('answers a resent reply with the one stored, quote and all', async () => {
    await t.start()
    const ann = await join('ann')
    const question = await send(ann, 'anyone?')
    const first = await sendMessage(ann, { roomId: 'general', text: 'me', clientId: 'c-1', replyTo: question.id })
    const again = await sendMessage(ann, { roomId: 'general', text: 'me', clientId: 'c-1', replyTo: question.id })
    expect(again).toEqual(first)
    expect(await history(ann)).toHaveLength(2)
  })
})
