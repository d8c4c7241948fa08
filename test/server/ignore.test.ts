import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { waitForEvent } from '../helpers/server'

describe('ignoring people', () => {
  const t = useServerFixture()
  const { join, send, tab } = t

  it('keeps each person’s list on all their devices, naming people as they call themselves', async () => {
    await t.start()
    const { client: laptop } = await tab('Ann')
    const { client: phone } = await tab('ann')
    const bob = await join('Bob')
    const told = waitForEvent(phone, 'person:ignored')
    expect(await request(laptop, 'person:ignore', { name: 'BOB', ignored: true })).toEqual({ data: ['Bob'] })
    expect((await told)[0]).toEqual(['Bob'])
    // Someone not online may be ignored too; asking twice changes nothing.
    expect(await request(phone, 'person:ignore', { name: 'Cy', ignored: true })).toEqual({ data: ['Bob', 'Cy'] })
    expect(await request(phone, 'person:ignore', { name: 'bob', ignored: true })).toEqual({ data: ['Bob', 'Cy'] })
    expect((await tab('Ann')).joined.ignored).toEqual(['Bob', 'Cy'])
    // Nobody else's list, and Bob is not told.
    expect(await request(bob, 'person:ignore', { name: 'Cy', ignored: false })).toEqual({ data: [] })

    expect(await request(laptop, 'person:ignore', { name: 'Bob', ignored: false })).toEqual({ data: ['Cy'] })
    expect(await request(laptop, 'person:ignore', { name: 'ANN', ignored: true })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'You cannot ignore yourself',
    })
    expect(await request(laptop, 'person:ignore', { name: '', ignored: true })).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
  })

  it('leaves the ignored person’s messages out of unread counts and mentions', async () => {
    await t.start()
    const ann = await join('Ann')
    const bob = await join('Bob')
    const cy = await join('Cy')
    await send(bob, '@Ann look at this')
    await send(bob, 'and this')
    await send(cy, 'hello all')
    const unread = async () => {
      const result = await request(ann, 'message:unread', { marks: [{ roomId: 'general', upTo: 0 }] })
      if (!('data' in result)) throw new Error(result.message)
      return result.data[0]
    }
    expect(await unread()).toMatchObject({ count: 3, mentions: 1 })
    await request(ann, 'person:ignore', { name: 'Bob', ignored: true })
    expect(await unread()).toMatchObject({ count: 1, mentions: 0 })
    const marked = await request(ann, 'message:mark-unread', { roomId: 'general', upTo: 0 })
    expect(marked).toMatchObject({ data: { count: 1, mentions: 0 } })
    await request(ann, 'person:ignore', { name: 'bob', ignored: false })
    expect(await unread()).toMatchObject({ count: 3, mentions: 1 })
  })

  it('keeps to its limit', async () => {
    await t.start({ rateLimits: { requestsPerSecond: 1e6 } })
    const ann = await join('Ann')
    for (let i = 0; i < LIMITS.ignoredPerPersonMax; i++) {
      const result = await request(ann, 'person:ignore', { name: `person ${i}`, ignored: true })
      if (!('data' in result)) throw new Error(result.message)
    }
    expect(await request(ann, 'person:ignore', { name: 'one more', ignored: true })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: `You can ignore at most ${LIMITS.ignoredPerPersonMax} people`,
    })
    // One already ignored is no more; letting one go makes room.
    expect(await request(ann, 'person:ignore', { name: 'person 3', ignored: true })).toHaveProperty('data')
    await request(ann, 'person:ignore', { name: 'person 3', ignored: false })
    expect(await request(ann, 'person:ignore', { name: 'one more', ignored: true })).toHaveProperty('data')
  })
})
