import { afterEach, describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { joinAs, type TestClient } from '../helpers/server'

describe('notification levels per room', () => {
  const t = useServerFixture()
  const extra: TestClient[] = []
  afterEach(() => extra.splice(0).forEach((client) => client.disconnect()))

  /** Joins as `name` and hands back the levels the join carried. */
  async function levelsOf(name: string) {
    const { client, joined } = await joinAs(t.server.url, name)
    extra.push(client)
    return { client, levels: joined.roomLevels }
  }

  it('keeps a person’s own level for a room across joins and restarts, for rooms they can read only', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const made = await request(bob, 'room:create', { name: 'secret', private: true })
    if (!('data' in made)) throw new Error(made.message)

    expect(await request(ann, 'room:notify', { roomId: 'general', level: 'none' })).toEqual({ data: null })
    expect(await request(ann, 'room:notify', { roomId: made.data.id, level: 'all' })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    expect(await request(ann, 'room:notify', { roomId: 'general', level: 'loud' } as never)).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })

    await t.stop()
    await t.start()
    const again = await levelsOf('ann')
    expect(again.levels).toEqual({ general: 'none' })
    expect((await levelsOf('Bob')).levels).toEqual({})
    // Null: the room follows the level for everywhere again.
    expect(await request(again.client, 'room:notify', { roomId: 'general', level: null })).toEqual({ data: null })
    await t.stop()
    await t.start()
    expect((await levelsOf('Ann')).levels).toEqual({})
  })
})
