import { afterEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Message } from '../../protocol'
import type { ParleyServer } from '../../server'
import { useMessagesStore } from '../../src-renderer/src/stores/messages'
import { useSearchStore } from '../../src-renderer/src/stores/search'
import { useSessionStore } from '../../src-renderer/src/stores/session'
import { joinAs, makeDataDir, startServer, type TestClient } from '../helpers/server'
import { request, sendMessage } from '../helpers/request'

describe('search and jumps in the app, against a real server', () => {
  const data = makeDataDir()
  let server: ParleyServer | undefined
  let session: ReturnType<typeof useSessionStore> | undefined
  let bob: TestClient | undefined
  afterEach(async () => {
    bob?.disconnect()
    session?.leave()
    await server?.close()
    data.remove()
  })

  /** Bob's `count` messages in #general, then Ann's app joined. */
  async function annAfterBob(count: number) {
    server = await startServer({ dataDir: data.dir })
    bob = (await joinAs(server.url, 'Bob')).client
    const sent: Message[] = []
    for (let n = 1; n <= count; n++) {
      const result = await sendMessage(bob, { roomId: 'general', text: `note ${n}` })
      if (!('data' in result)) throw new Error(result.message)
      sent.push(result.data)
    }
    setActivePinia(createPinia())
    session = useSessionStore()
    expect(await session.join('Ann', server.url)).toBe(true)
    return { sent, messages: useMessagesStore(), search: useSearchStore() }
  }

  it('holds a room at an old message after a jump, and a send brings it back to the newest, shown once', async () => {
    const { sent, messages } = await annAfterBob(60)
    await messages.loadLatest('general')
    const shown = () => messages.timeline('general').messages.map((m) => `${m.text}:${m.state}`)

    await expect(messages.jumpTo('general', sent[2]!.id)).resolves.toBeNull()
    const line = messages.timeline('general')
    expect(line.hasNewer).toBe(true)
    expect(shown()).toEqual(sent.slice(0, 53).map((m) => `${m.text}:sent`))
    expect(messages.revealed).toEqual({ roomId: 'general', id: sent[2]!.id })

    // Bob writes meanwhile: not shown after the window, where a gap would be.
    await sendMessage(bob!, { roomId: 'general', text: 'meanwhile' })
    await expect(messages.send('general', 'mine')).resolves.toBeNull()
    await expect.poll(() => shown().at(-1)).toBe('mine:sent')
    // The newest page (with 'mine' in it or added by its ack): the end of the history, whole, each once.
    const all = [...sent.map((m) => `${m.text}:sent`), 'meanwhile:sent', 'mine:sent']
    expect(shown().length).toBeGreaterThanOrEqual(50)
    expect(shown()).toEqual(all.slice(-shown().length))
    expect(messages.timeline('general').hasNewer).toBe(false)
  })

  it('lets go of a room’s oldest messages, and brings them back on the way up', async () => {
    const { sent, messages } = await annAfterBob(60)
    await messages.loadLatest('general')
    messages.trimOlder('general', 20)
    const line = () => messages.timeline('general')
    expect(line().messages.map((m) => m.id)).toEqual(sent.slice(-20).map((m) => m.id))
    expect(line().hasMore).toBe(true)
    await messages.loadOlder('general')
    expect(line().messages.map((m) => m.id)).toEqual(sent.map((m) => m.id))
    expect(line().hasMore).toBe(false)
  })

  it('searches, pages through results, and drops a result once it is deleted', async () => {
    const { sent, search } = await annAfterBob(25)
    await search.search('note')
    expect(search.results).toHaveLength(20)
    expect(search.results[0]!.text).toBe('note 25')
    expect(search.hasMore).toBe(true)
    await search.more()
    expect(search.results.map((m) => m.text).slice(-5)).toEqual(['note 5', 'note 4', 'note 3', 'note 2', 'note 1'])
    expect(search.hasMore).toBe(false)

    await request(bob!, 'message:delete', { id: sent[24]!.id })
    await expect.poll(() => search.results[0]!.text).toBe('note 24')
    expect(search.results).toHaveLength(24)

    // Searching as one types, faster than the server allows: the store waits and asks again.
    for (const typed of ['n', 'no', 'not', 'note', 'note ', 'note 1', 'note 12']) {
      await search.search(typed)
      expect(search.error).toBe('')
    }
    expect(search.results.map((m) => m.text)).toEqual(['note 12'])

    await search.search('x'.repeat(201))
    expect(search.error).toMatch(/at most 200/)
    expect(search.results).toEqual([])
  })
})
