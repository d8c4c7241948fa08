import { afterEach, describe, expect, it } from 'vitest'
import { createNetsim, type Netsim } from '../../netsim'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { connectClient, newToken, waitUntil } from '../helpers/server'
import type { GoneRoom } from '../../src-renderer/src/stores/rooms'
import { useAppFixture, type AppStores } from './app-fixture'

describe('a room taken from under the app', () => {
  const t = useServerFixture()
  const apps = useAppFixture()
  let netsim: Netsim | undefined
  afterEach(async () => {
    await netsim?.close()
    netsim = undefined
  })

  it('says who took the open room away, and opens #general', async () => {
    await t.start()
    const bob = await t.join('Bob')
    const ann = await apps.join(t.server.url, 'Ann')
    const made = await request(bob, 'room:create', { name: 'plans', private: true })
    if (!('data' in made)) throw new Error(made.message)
    const plans = made.data.id
    expect(await request(bob, 'room:invite', { roomId: plans, name: 'Ann' })).toMatchObject({ data: {} })
    await waitUntil(() => ann.rooms.joinedIds.includes(plans), 10_000, 'Ann added')
    ann.rooms.select(plans)

    expect(await request(bob, 'room:remove-person', { roomId: plans, name: 'Ann' })).toMatchObject({ data: {} })
    await waitUntil(() => ann.rooms.gone !== null, 10_000, 'Ann told')
    expect(ann.rooms.gone).toEqual({ roomId: plans, label: '#plans', how: 'taken-out', by: 'Bob' })
    expect(ann.rooms.activeRoomId).toBe('general')
    expect(ann.rooms.rooms.map((room) => room.id)).toEqual(['general'])
  })

  const moderating = { moderatorPassword: 'keys to the lab' }

  /** Ann in #shop through netsim, then offline with a message to it waiting. */
  async function annOfflineInShop(): Promise<AppStores> {
    await t.start(moderating)
    netsim = await createNetsim({ target: t.server.url })
    const ann = await apps.join(netsim.url, 'Ann')
    expect(await ann.rooms.create('shop')).toBeNull()
    ann.rooms.select('shop')
    netsim.setProfile('offline')
    await expect.poll(() => ann.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    void ann.messages.send('shop', 'anyone there?')
    return ann
  }

  /** Mia, a moderator, removes #shop. */
  async function removeShop(): Promise<void> {
    const mia = connectClient(t.server.url)
    try {
      const joined = await request(mia, 'session:join', { name: 'Mia', token: newToken(), ...moderating })
      expect(joined).toMatchObject({ data: { moderator: true } })
      expect(await request(mia, 'room:remove', { roomId: 'shop' })).toEqual({ data: null })
    } finally {
      mia.disconnect()
    }
  }

  /** Once back: in #general, told `gone`, with the message that never left listed apart. */
  async function expectBackWithout(ann: AppStores, gone: GoneRoom): Promise<void> {
    netsim!.setProfile('clean')
    await expect.poll(() => ann.rooms.gone, { timeout: 20_000 }).toEqual(gone)
    expect(ann.rooms.activeRoomId).toBe('general')
    await expect
      .poll(() => ann.messages.undelivered.map((entry) => [entry.roomId, entry.text]), { timeout: 10_000 })
      .toEqual([['shop', 'anyone there?']])
  }

  it('finds the open room gone on coming back, and keeps what could not be sent to it', async () => {
    const ann = await annOfflineInShop()
    // A restart meanwhile, so nothing Ann missed is kept for her.
    const { port } = t.server
    await t.stop()
    await t.start({ ...moderating, port })
    await removeShop()
    await expectBackWithout(ann, { roomId: 'shop', label: '#shop', how: 'missing' })
  })

  it('told on coming back who removed the open room, as the server kept what Ann missed', async () => {
    const ann = await annOfflineInShop()
    await removeShop()
    await expectBackWithout(ann, { roomId: 'shop', label: '#shop', how: 'removed', by: 'Mia' })
  })
})
