import { describe, expect, it } from 'vitest'
import { useAppFixture } from './app-fixture'
import { useServerFixture } from '../helpers/fixture'
import { waitForEvent } from '../helpers/server'
import { request } from '../helpers/request'

describe('replies and forwards in the app, against a real server', () => {
  const t = useServerFixture()
  const app = useAppFixture()

  /** A server, Ann's app joined to it with #general loaded, Bob on a plain client, and a question of his. */
  async function annAnswersBob() {
    await t.start()
    const { connection, messages } = await app.join(t.server.url)
    const bob = await t.join('Bob')
    const question = await t.send(bob, 'lunch at 12?')
    await expect.poll(() => messages.timeline('general').messages.map((m) => m.id)).toContain(question.id)
    return { connection, messages, bob, question }
  }

  it('sends the next message as a reply, shown with its quote while it waits, and only that one', async () => {
    const { messages, bob, question } = await annAnswersBob()
    messages.startReply(messages.timeline('general').messages[0]!)
    expect(messages.replyTargets.general).toEqual({ id: question.id, author: 'Bob', text: 'lunch at 12?' })

    const arrived = waitForEvent(bob, 'message:created')
    const sending = messages.send('general', 'yes!')
    // Shown at once, quote and all, before the server has it.
    expect(messages.timeline('general').messages.at(-1)).toMatchObject({
      state: 'pending',
      replyTo: { id: question.id },
    })
    expect(messages.replyTargets.general).toBeUndefined()
    await expect(sending).resolves.toBeNull()
    const quote = { id: question.id, author: 'Bob', text: 'lunch at 12?' }
    expect((await arrived)[0]).toMatchObject({ text: 'yes!', replyTo: quote })
    expect(messages.timeline('general').messages.at(-1)).toMatchObject({ state: 'sent', replyTo: quote })

    await expect(messages.send('general', 'see you')).resolves.toBeNull()
    expect(messages.timeline('general').messages.at(-1)).not.toHaveProperty('replyTo')
  })

  it('keeps a reply for its room, and cancels it on request', async () => {
    const { messages } = await annAnswersBob()
    messages.startReply(messages.timeline('general').messages[0]!)
    await expect(messages.send('lab', 'elsewhere')).resolves.toMatchObject({ error: 'ROOM_NOT_FOUND' })
    expect(messages.replyTargets.general).toBeDefined()
    messages.cancelReply('general')
    await expect(messages.send('general', 'never mind')).resolves.toBeNull()
    expect(messages.timeline('general').messages.at(-1)).not.toHaveProperty('replyTo')
  })

  it('follows the answered message in its replies’ quotes: edited, then deleted', async () => {
    const { messages, bob, question } = await annAnswersBob()
    messages.startReply(messages.timeline('general').messages[0]!)
    await expect(messages.send('general', 'yes!')).resolves.toBeNull()
    const quoteShown = () => messages.timeline('general').messages.at(-1)!.replyTo

    await request(bob, 'message:edit', { id: question.id, text: 'lunch at 1?' })
    await expect.poll(quoteShown).toEqual({ id: question.id, author: 'Bob', text: 'lunch at 1?' })
    // A reply being written follows too.
    messages.startReply(messages.timeline('general').messages[0]!)
    await request(bob, 'message:delete', { id: question.id })
    const gone = { id: question.id, author: 'Bob', text: '', deleted: true }
    await expect.poll(quoteShown).toEqual(gone)
    expect(messages.replyTargets.general).toEqual(gone)
  })

  it('sends a reply typed while offline, with its quote, once the connection is back', async () => {
    const { connection, messages, bob, question } = await annAnswersBob()
    const ann = [...t.server.io.of('/').sockets.values()].find((socket) => socket.data.name === 'Ann')!
    ann.conn.close()
    await expect.poll(() => connection.status).not.toBe('connected')
    messages.startReply(messages.timeline('general').messages[0]!)
    await expect(messages.send('general', 'typed offline')).resolves.toBeNull()
    expect((await t.history(bob)).messages.at(-1)).toMatchObject({
      text: 'typed offline',
      replyTo: { id: question.id },
    })
  })

  it('passes a message on, shown with its copy while it waits, and sends it once the connection is back', async () => {
    const { connection, messages, bob, question } = await annAnswersBob()
    const ann = [...t.server.io.of('/').sockets.values()].find((socket) => socket.data.name === 'Ann')!
    ann.conn.close()
    await expect.poll(() => connection.status).not.toBe('connected')
    const copy = { id: question.id, roomId: 'general', author: 'Bob', text: 'lunch at 12?', ts: question.ts }
    const sending = messages.forward(messages.timeline('general').messages[0]!, 'general', '')
    expect(messages.timeline('general').messages.at(-1)).toMatchObject({ state: 'pending', text: '', forwarded: copy })
    await expect(sending).resolves.toBeNull()
    expect((await t.history(bob)).messages.at(-1)).toMatchObject({ author: 'Ann', text: '', forwarded: copy })
    // Nothing to pass on is refused before it is sent.
    await expect(messages.forward({ ...question, id: 0 }, 'general', '')).resolves.toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
  })
})
