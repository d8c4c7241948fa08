import { describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { openDm, request, sendMessage } from '../helpers/request'

describe('threads', () => {
  const t = useServerFixture()
  const { join, send } = t

  it('answer with a message and every message that replies to it, oldest first, deleted ones as such', async () => {
    await t.start({ rateLimits: { requestsPerSecond: 1e6, sendsPerSecond: 1e6 } })
    const ann = await join('Ann')
    const bob = await join('Bob')
    const root = await send(ann, 'lunch plans?')
    const other = await send(bob, 'unrelated')
    const reply = async (text: string, replyTo: number) => {
      const sent = await sendMessage(bob, { roomId: 'general', text, replyTo })
      if (!('data' in sent)) throw new Error(sent.message)
      return sent.data
    }
    const first = await reply('pizza', root.id)
    await reply('not this one', other.id)
    const second = await reply('or sushi', root.id)
    await request(bob, 'message:delete', { id: first.id })

    const thread = await request(ann, 'message:thread', { id: root.id })
    if (!('data' in thread)) throw new Error(thread.message)
    expect(thread.data.root).toMatchObject({ id: root.id, text: 'lunch plans?' })
    expect(
      thread.data.replies.map(({ id, text, deletedAt }) => ({ id, text, deleted: deletedAt !== undefined })),
    ).toEqual([
      { id: first.id, text: '', deleted: true },
      { id: second.id, text: 'or sushi', deleted: false },
    ])
    expect(thread.data.hasMore).toBe(false)
    // A reply's own thread is its replies: none here.
    expect(await request(ann, 'message:thread', { id: second.id })).toMatchObject({ data: { replies: [] } })
  })

  it('is not there for whoever cannot read its room', async () => {
    await t.start()
    const ann = await join('Ann')
    await join('Bob')
    const cy = await join('Cy')
    const dm = await openDm(ann, 'Bob')
    const secret = await send(ann, 'between us', dm.id)
    expect(await request(cy, 'message:thread', { id: secret.id })).toEqual({
      error: 'MESSAGE_NOT_FOUND',
      message: `No message ${secret.id}`,
    })
    expect(await request(cy, 'message:thread', { id: 999_999 })).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })
  })
})
