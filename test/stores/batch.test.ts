import { afterEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ParleyServer } from '../../server'
import { useMessagesStore } from '../../src-renderer/src/stores/messages'
import { usePresenceStore } from '../../src-renderer/src/stores/presence'
import { useRoomsStore } from '../../src-renderer/src/stores/rooms'
import { useSessionStore } from '../../src-renderer/src/stores/session'
import { io } from 'socket.io-client'
import {
  connectClient,
  joinAs,
  makeDataDir,
  newToken,
  startServer,
  waitUntil,
  type TestClient,
} from '../helpers/server'
import { request, sendMessage, openDm } from '../helpers/request'

describe('a burst in a large room', () => {
  const data = makeDataDir()
  let server: ParleyServer | undefined
  let session: ReturnType<typeof useSessionStore> | undefined
  const peers: TestClient[] = []
  afterEach(async () => {
    session?.leave()
    peers.splice(0).forEach((peer) => peer.disconnect())
    await server?.close()
    data.remove()
  })

  /**
   * A server where three connections make general "large", with windows that
   * outlast the bursts, and Ann's app joined; resolves with the server's URL.
   */
  async function annJoined(): Promise<string> {
    server = await startServer({
      dataDir: data.dir,
      fanout: { minConnections: 3, windowMs: 1000, presenceWindowMs: 1000 },
    })
    setActivePinia(createPinia())
    session = useSessionStore()
    expect(await session.join('Ann', server.url)).toBe(true)
    return server.url
  }

  it('shows each message once, in order, and counts only others’ messages as unread', async () => {
    const url = await annJoined()
    const rooms = useRoomsStore()
    const messages = useMessagesStore()
    const bob = (await joinAs(url, 'Bob')).client
    const cat = (await joinAs(url, 'Cat')).client
    peers.push(bob, cat)

    // Ann looks at a DM, so general counts unread.
    const dm = await openDm(bob, 'Ann')
    await expect.poll(() => rooms.directMessages.map((room) => room.id)).toEqual([dm.id])
    rooms.select(dm.id)

    // Bob's first message goes out at once; Ann's own and Bob's next two come back as one batch.
    await sendMessage(bob, { roomId: 'general', text: 'b1' })
    expect(await messages.send('general', 'a1')).toBeNull()
    await sendMessage(bob, { roomId: 'general', text: 'b2' })
    await sendMessage(bob, { roomId: 'general', text: 'b3' })

    const shown = () => messages.timeline('general').messages.map((m) => `${m.text}:${m.state}`)
    await expect.poll(shown, { timeout: 10_000 }).toEqual(['b1:sent', 'a1:sent', 'b2:sent', 'b3:sent'])
    expect(rooms.unread['general']).toBe(3)
  })

  it('keeps the member list right through a burst of joins and leavings', async () => {
    const url = await annJoined()
    const presence = usePresenceStore()
    peers.push((await joinAs(url, 'Bob')).client, (await joinAs(url, 'Cat')).client)
    const [dan, eve] = await Promise.all([joinAs(url, 'Dan'), joinAs(url, 'Eve')])
    peers.push(dan.client)
    eve.client.disconnect()
    await expect
      .poll(() => presence.members.map((member) => member.name), { timeout: 10_000 })
      .toEqual(['Ann', 'Bob', 'Cat', 'Dan'])
  })

  it('replaces a member’s entry when their transport changes', async () => {
    const url = await annJoined()
    const presence = usePresenceStore()
    const token = newToken()
    const first = connectClient(url)
    peers.push(first, (await joinAs(url, 'Cat')).client)
    expect(await request(first, 'session:join', { name: 'Bob', token })).toHaveProperty('data')
    await waitUntil(() => first.io.engine.transport.name === 'websocket', 10_000, 'Bob to upgrade')
    const transportOf = (name: string) => presence.members.find((member) => member.name === name)?.transport
    await expect.poll(() => transportOf('Bob'), { timeout: 10_000 }).toBe('websocket')

    // Bob again, with the same token on a long-polling connection: the server
    // retires the first and announces Bob's new transport as an update (in a
    // burst while the window the joins opened lasts).
    const again = io(url, { reconnection: false, forceNew: true, transports: ['polling'] })
    peers.push(again)
    expect(await request(again, 'session:join', { name: 'Bob', token })).toHaveProperty('data')
    await expect.poll(() => transportOf('Bob'), { timeout: 10_000 }).toBe('polling')
    expect(presence.members.map((member) => member.name)).toEqual(['Ann', 'Bob', 'Cat'])
  })

  it('shows who is typing from a burst, each name’s latest state, never oneself', async () => {
    const url = await annJoined()
    const presence = usePresenceStore()
    const bob = (await joinAs(url, 'Bob')).client
    const cat = (await joinAs(url, 'Cat')).client
    peers.push(bob, cat)
    // Bob's goes at once and opens the window; Ann's own (on her app) and Cat's come in the batch.
    await request(bob, 'typing:set', { roomId: 'general', typing: true })
    await expect.poll(() => presence.typing['general']).toEqual(['Bob'])
    presence.reportTyping('general', true)
    await request(cat, 'typing:set', { roomId: 'general', typing: true })
    await request(bob, 'typing:set', { roomId: 'general', typing: false })
    await expect.poll(() => presence.typing['general'], { timeout: 10_000 }).toEqual(['Cat'])
  })
})
