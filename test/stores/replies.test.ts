import { afterEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ParleyServer } from '../../server'
import { useConnectionStore } from '../../src-renderer/src/stores/connection'
import { useMessagesStore } from '../../src-renderer/src/stores/messages'
import { useSessionStore } from '../../src-renderer/src/stores/session'
import { joinAs, makeDataDir, startServer, waitForEvent, type TestClient } from '../helpers/server'
import { request } from '../helpers/request'

describe('replies in the app, against a real server', () => {
  const data = makeDataDir()
  let server: ParleyServer | undefined
  let session: ReturnType<typeof useSessionStore> | undefined
  const peers: TestClient[] = []
  afterEach(async () => {
    peers.splice(0).forEach((peer) => peer.disconnect())
    session?.leave()
    await server?.close()
    data.remove()
  })

  /** A server, Ann's app joined to it with #general loaded, Bob on a plain client, and a question of his. */
  async function annAnswersBob() {
    server = await startServer({ dataDir: data.dir })
    setActivePinia(createPinia())
    session = useSessionStore()
    const messages = useMessagesStore()
    expect(await session.join('Ann', server.url)).toBe(true)
    await messages.loadLatest('general')
    const bob = (await joinAs(server.url, 'Bob')).client
    peers.push(bob)
    const sent = await request(bob, 'message:send', { roomId: 'general', text: 'lunch at 12?' })
    if (!('data' in sent)) throw new Error(sent.message)
    const question = sent.data
    await expect.poll(() => messages.timeline('general').messages.map((m) => m.id)).toContain(question.id)
    return { messages, bob, question }
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
    const { messages, question } = await annAnswersBob()
    const connection = useConnectionStore()
    const ann = [...server!.io.of('/').sockets.values()].find((socket) => socket.data.name === 'Ann')!
    ann.conn.close()
    await expect.poll(() => connection.status).not.toBe('connected')
    messages.startReply(messages.timeline('general').messages[0]!)
    await expect(messages.send('general', 'typed offline')).resolves.toBeNull()
    const page = await request(peers[0]!, 'message:history', { roomId: 'general' })
    if (!('data' in page)) throw new Error(page.message)
    expect(page.data.messages.at(-1)).toMatchObject({ text: 'typed offline', replyTo: { id: question.id } })
  })
})
