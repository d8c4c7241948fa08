import { describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { connectClient, newToken, waitForEvent, waitUntil } from '../helpers/server'

describe('last seen', () => {
  const t = useServerFixture()

  it('says when someone was last online, from joining and from leaving, across a restart', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const beforeJoin = Date.now()
    const bob = await t.join('Bob')
    const joined = await request(ann, 'presence:seen', { name: 'bob' })
    if (!('data' in joined)) throw new Error(joined.message)
    expect(joined.data.at).toBeGreaterThanOrEqual(beforeJoin)

    const beforeLeaving = Date.now()
    const gone = waitForEvent(ann, 'presence:left', (member) => member.name === 'Bob')
    bob.disconnect()
    await gone
    const left = await request(ann, 'presence:seen', { name: 'BOB' })
    if (!('data' in left)) throw new Error(left.message)
    expect(left.data.at).toBeGreaterThanOrEqual(beforeLeaving)
    expect(left.data.at).toBeLessThanOrEqual(Date.now())
    expect(await request(ann, 'presence:seen', { name: 'Nobody' })).toEqual({ data: { at: null } })

    await t.stop()
    await t.start()
    const annAgain = await t.join('Ann')
    expect(await request(annAgain, 'presence:seen', { name: 'Bob' })).toEqual({ data: { at: left.data.at } })
    expect(await request(annAgain, 'presence:seen', { name: '' })).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })

  it('notes everyone online every few minutes, so a crash leaves them seen shortly before it, not at their join', async () => {
    await t.start({ lastSeenEveryMs: 50 })
    const ann = await t.join('Ann')
    await t.join('Bob')
    const seenAt = async (): Promise<number> => {
      const seen = await request(ann, 'presence:seen', { name: 'Bob' })
      if (!('data' in seen) || seen.data.at === null) throw new Error('Bob was never seen')
      return seen.data.at
    }
    const atJoin = await seenAt()
    await waitUntil(async () => (await seenAt()) > atJoin)
    expect(await seenAt()).toBeLessThanOrEqual(Date.now())
  })

  it('is hidden both ways by whoever turns it off, on every device of theirs, across a restart', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const cy = await t.join('Cy')
    const device = newToken()
    const bob = connectClient(t.server.url)
    await request(bob, 'session:join', { name: 'Bob', token: newToken(), device })
    const seen = async (asker: typeof ann, name: string) => {
      const result = await request(asker, 'presence:seen', { name })
      if (!('data' in result)) throw new Error(result.message)
      return result.data.at
    }
    expect(await seen(ann, 'Bob')).not.toBeNull()

    // Bob on a second tab of his: told when his other tab turns it off.
    const bobTab = connectClient(t.server.url)
    const tabJoined = await request(bobTab, 'session:join', { name: 'Bob', token: newToken(), device })
    expect(tabJoined).toMatchObject({ data: { sharesLastSeen: true } })
    const told = waitForEvent(bobTab, 'presence:seen-shared')
    expect(await request(bob, 'presence:share-seen', { share: false })).toEqual({ data: { share: false } })
    expect((await told)[0]).toEqual({ share: false })
    bobTab.disconnect()

    // Nobody sees his, and he sees nobody's.
    expect(await seen(ann, 'bob')).toBeNull()
    expect(await seen(bob, 'Ann')).toBeNull()
    expect(await seen(cy, 'Ann')).not.toBeNull()

    bob.disconnect()
    await t.stop()
    await t.start()
    const annAgain = await t.join('Ann')
    const bobAgain = connectClient(t.server.url)
    expect(await request(bobAgain, 'session:join', { name: 'Bob', token: newToken() })).toMatchObject({
      data: { sharesLastSeen: false },
    })
    expect(await seen(annAgain, 'Bob')).toBeNull()
    expect(await request(bobAgain, 'presence:share-seen', { share: true })).toEqual({ data: { share: true } })
    expect(await seen(annAgain, 'Bob')).not.toBeNull()
    expect(await seen(bobAgain, 'Ann')).not.toBeNull()
    bobAgain.disconnect()
  })
})
