import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'

describe('unread counts after a read mark', () => {
  const t = useServerFixture()
  const { join, send } = t

  it('counts others’ messages after the mark, not one’s own or deleted ones, with the newest id', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const read = await send(bob, 'read already')
    await send(bob, 'one')
    await send(ann, 'mine')
    const oops = await send(bob, 'oops')
    const last = await send(bob, 'two')
    await request(bob, 'message:delete', { id: oops.id })
    const lab = await request(bob, 'room:create', { name: 'lab' })
    if (!('data' in lab)) throw new Error(lab.message)

    expect(
      await request(ann, 'message:unread', {
        marks: [
          { roomId: 'general', upTo: read.id },
          { roomId: lab.data.id, upTo: 0 },
        ],
      }),
    ).toEqual({
      data: [
        { roomId: 'general', count: 2, upTo: last.id },
        { roomId: lab.data.id, count: 0, upTo: 0 },
      ],
    })
    expect(await request(ann, 'message:unread', { marks: [{ roomId: 'general', upTo: last.id }] })).toEqual({
      data: [{ roomId: 'general', count: 0, upTo: last.id }],
    })
  })

  it('shares the search rate limit: its cost grows with the rooms asked for', async () => {
    await t.start({ rateLimits: { searchesPerSecond: 1 } })
    const ann = await join('ann')
    const marks = [{ roomId: 'general', upTo: 0 }]
    expect(await request(ann, 'message:unread', { marks })).toMatchObject({ data: [{ roomId: 'general' }] })
    expect(await request(ann, 'message:unread', { marks })).toMatchObject({ error: 'RATE_LIMITED' })
  })

  it('leaves out rooms the reader cannot read, and refuses malformed marks', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    await join('cy')
    const dm = await request(bob, 'dm:open', { name: 'cy' })
    if (!('data' in dm)) throw new Error(dm.message)
    await send(bob, 'just us', dm.data.id)
    expect(
      await request(ann, 'message:unread', {
        marks: [
          { roomId: dm.data.id, upTo: 0 },
          { roomId: 'nowhere', upTo: 0 },
        ],
      }),
    ).toEqual({ data: [] })
    const tooMany = Array.from({ length: LIMITS.rejoinRoomsMax + 1 }, () => ({ roomId: 'general', upTo: 0 }))
    for (const marks of [[{ roomId: 'general', upTo: -1 }], tooMany, 'general']) {
      expect(await request(ann, 'message:unread', { marks } as never)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
  })
})
