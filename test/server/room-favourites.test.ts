import { describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { openDm, request } from '../helpers/request'
import { waitForEvent, type TestClient } from '../helpers/server'

describe('favourite rooms', () => {
  const t = useServerFixture()
  /** A tab of one browser joining as `name`, with the join's favourites. */
  async function tab(name: string) {
    const { client, joined } = await t.tab(name)
    return { client, favourites: joined.favourites }
  }
  const favour = (client: TestClient, roomId: string, favourite = true) =>
    request(client, 'room:favourite', { roomId, favourite })

  it('keeps each person’s favourites in the order marked, on all their devices and across restarts', async () => {
    await t.start()
    const laptop = await tab('Ann')
    const phone = await tab('ann')
    await t.join('Bob')
    expect(laptop.favourites).toEqual([])
    await request(laptop.client, 'room:create', { name: 'lab' })
    const dm = await openDm(laptop.client, 'Bob')

    const told = waitForEvent(phone.client, 'room:favourite')
    expect(await favour(laptop.client, 'lab')).toEqual({ data: null })
    expect((await told)[0]).toEqual({ roomId: 'lab', favourite: true })
    expect(await favour(phone.client, dm.id)).toEqual({ data: null })
    expect(await favour(laptop.client, 'general')).toEqual({ data: null })
    // Marked again: it keeps its place.
    expect(await favour(phone.client, 'lab')).toEqual({ data: null })

    await t.stop()
    await t.start()
    expect((await tab('ANN')).favourites).toEqual(['lab', dm.id, 'general'])
    expect((await tab('Bob')).favourites).toEqual([])
    const again = await tab('Ann')
    expect(await favour(again.client, 'lab', false)).toEqual({ data: null })
    expect(await favour(again.client, 'lab', false)).toEqual({ data: null })
    expect((await tab('Ann')).favourites).toEqual([dm.id, 'general'])
  })

  it('puts a person’s favourites in the order asked, on all their devices and across restarts', async () => {
    await t.start()
    const laptop = await tab('Ann')
    const phone = await tab('Ann')
    for (const name of ['lab', 'ops', 'news']) await request(laptop.client, 'room:create', { name })
    for (const roomId of ['general', 'lab', 'ops', 'news']) await favour(laptop.client, roomId)

    const told = waitForEvent(phone.client, 'room:favourites-ordered')
    const ordered = await request(laptop.client, 'room:order-favourites', {
      roomIds: ['news', 'general', 'ops', 'lab'],
    })
    expect(ordered).toEqual({ data: ['news', 'general', 'ops', 'lab'] })
    expect((await told)[0]).toEqual(['news', 'general', 'ops', 'lab'])
    // Those not named keep their order after the ones named; ids that are no favourite are passed over.
    expect(await request(phone.client, 'room:order-favourites', { roomIds: ['lab', 'nowhere', 'lab'] })).toEqual({
      data: ['lab', 'news', 'general', 'ops'],
    })
    // A new one goes last.
    await request(laptop.client, 'room:create', { name: 'late' })
    await favour(laptop.client, 'late')
    await t.stop()
    await t.start()
    expect((await tab('Ann')).favourites).toEqual(['lab', 'news', 'general', 'ops', 'late'])
    expect(
      await request((await tab('Ann')).client, 'room:order-favourites', { roomIds: 'lab' } as never),
    ).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })

  it('refuses rooms the person cannot read and payloads that are not a choice', async () => {
    await t.start()
    const ann = await tab('Ann')
    const bob = await t.join('Bob')
    const made = await request(bob, 'room:create', { name: 'secret', private: true })
    if (!('data' in made)) throw new Error(made.message)

    expect(await favour(ann.client, made.data.id)).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    expect(await favour(ann.client, 'nowhere')).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    expect(await request(ann.client, 'room:favourite', { roomId: 'general', favourite: 'yes' } as never)).toMatchObject(
      { error: 'INVALID_PAYLOAD' },
    )
    expect(await request(ann.client, 'room:favourite', { roomId: 'general' } as never)).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
    expect((await tab('Ann')).favourites).toEqual([])
  })

  it('lists a private room taken from the person no more, and again once they are back in it', async () => {
    await t.start()
    const ann = await tab('Ann')
    const bob = await t.join('Bob')
    const made = await request(bob, 'room:create', { name: 'secret', private: true })
    if (!('data' in made)) throw new Error(made.message)
    const room = made.data.id
    await request(bob, 'room:invite', { roomId: room, name: 'Ann' })
    expect(await favour(ann.client, room)).toEqual({ data: null })
    expect((await tab('Ann')).favourites).toEqual([room])

    await request(bob, 'room:remove-person', { roomId: room, name: 'Ann' })
    expect((await tab('Ann')).favourites).toEqual([])
    await request(bob, 'room:invite', { roomId: room, name: 'Ann' })
    expect((await tab('Ann')).favourites).toEqual([room])
  })
})
