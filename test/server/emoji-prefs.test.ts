import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { connectClient, joinAs, newToken, waitForEvent, type TestClient } from '../helpers/server'

describe('skin tone and recent emoji, kept for each name', () => {
  const t = useServerFixture()
  const extra: TestClient[] = []
  afterEach(() => extra.splice(0).forEach((client) => client.disconnect()))

  it('keeps them across joins and restarts, hands them to the person’s other connections at once, and refuses what is not emoji', async () => {
    await t.start()
    const first = await joinAs(t.server.url, 'Ann')
    extra.push(first.client)
    expect(first.joined.emojiPrefs).toBeUndefined()
    const prefs = { skinTone: 3, recent: ['👍🏽', '🎉', '❤️'] }
    expect(await request(first.client, 'emoji:prefs', prefs)).toEqual({ data: prefs })

    // Another device of Ann's (the first is gone, so the name is free) joins with them.
    first.client.disconnect()
    const phone = await joinAs(t.server.url, 'ann')
    extra.push(phone.client)
    expect(phone.joined.emojiPrefs).toEqual(prefs)
    await t.stop()
    await t.start()
    const laptop = await joinAs(t.server.url, 'ANN')
    extra.push(laptop.client)
    expect(laptop.joined.emojiPrefs).toEqual(prefs)

    // Bob's are his own; a person's other connections (another tab) hear theirs change.
    const bob = await joinAs(t.server.url, 'Bob')
    extra.push(bob.client)
    expect(bob.joined.emojiPrefs).toBeUndefined()
    // A second tab of the laptop's browser: the same device id.
    const browser = 'device-of-ann-laptop-0001'
    const tabs = await Promise.all(
      [0, 1].map(async (n) => {
        const client = connectClient(t.server.url)
        extra.push(client)
        const name = n === 0 ? 'Carol' : 'carol'
        const joined = await request(client, 'session:join', { name, token: newToken(), device: browser })
        if (!('data' in joined)) throw new Error(joined.message)
        return client
      }),
    )
    const heard = waitForEvent(tabs[1]!, 'emoji:prefs')
    const next = { skinTone: 0, recent: ['🚀'] }
    expect(await request(tabs[0]!, 'emoji:prefs', next)).toEqual({ data: next })
    expect((await heard)[0]).toEqual(next)
    expect(await request(laptop.client, 'emoji:prefs', { skinTone: 2, recent: [] })).toMatchObject({ data: {} })

    for (const bad of [
      { skinTone: 6, recent: [] },
      { skinTone: 1, recent: ['not an emoji'] },
      { skinTone: 1, recent: Array.from({ length: LIMITS.recentEmojiMax + 1 }, () => '🎉') },
      { skinTone: 1 },
    ]) {
      expect(await request(laptop.client, 'emoji:prefs', bad as never)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
  })
})
