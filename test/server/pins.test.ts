import { describe, expect, it } from 'vitest'
import { LIMITS, type Message } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { waitForEvent, type TestClient } from '../helpers/server'
import { request, openDm } from '../helpers/request'

describe('pinned messages', () => {
  const t = useServerFixture()
  const { join, send } = t
  const pin = async (client: TestClient, id: number, pinned = true): Promise<Message> => {
    const result = await request(client, 'message:pin', { id, pinned })
    if (!('data' in result)) throw new Error(result.message)
    return result.data
  }
  const pinsOf = async (client: TestClient, roomId = 'general'): Promise<string[]> => {
    const result = await request(client, 'message:pins', { roomId })
    if (!('data' in result)) throw new Error(result.message)
    return result.data.map((message) => message.text)
  }

  it('pins and unpins for everyone, saying who and when, latest pinned first, and kept in history', async () => {
    await t.start()
    const ann = await join('Ann')
    const bob = await join('Bob')
    const wifi = await send(ann, 'wifi: parley-lab / hunter2')
    const rota = await send(bob, 'kitchen rota is on the door')
    const seen = waitForEvent(ann, 'message:updated')
    const pinned = await pin(bob, wifi.id)
    expect(pinned).toEqual({ ...wifi, pinned: { by: 'Bob', at: expect.any(Number) }, rev: 1 })
    expect((await seen)[0]).toEqual(pinned)
    await pin(ann, rota.id)
    expect(await pinsOf(ann)).toEqual(['kitchen rota is on the door', 'wifi: parley-lab / hunter2'])
    expect((await t.history(bob)).messages[0]).toEqual(pinned)

    // Again: nothing changes, and no change number is taken.
    expect((await pin(ann, wifi.id)).rev).toBe(1)
    // Anyone in the room may unpin, and a catch-up sees it like an edit.
    const unpinned = await pin(ann, wifi.id, false)
    expect(unpinned).not.toHaveProperty('pinned')
    expect(await pinsOf(bob)).toEqual(['kitchen rota is on the door'])
    expect(await request(bob, 'message:changes', { roomId: 'general', after: 2 })).toMatchObject({
      data: { messages: [{ id: wifi.id, rev: 3 }] },
    })
  })

  it('unpins a deleted message and takes none, keeps a room’s pins bounded, and hides a DM’s from others', async () => {
    // Fifty pins in a row: the rate limits are not what this test is about.
    await t.start({ rateLimits: { requestsPerSecond: 100_000, sendsPerSecond: 100_000 } })
    const ann = await join('Ann')
    const bob = await join('Bob')
    const oops = await send(ann, 'wrong channel')
    await pin(ann, oops.id)
    await request(ann, 'message:delete', { id: oops.id })
    expect(await pinsOf(bob)).toEqual([])
    expect(await request(bob, 'message:pin', { id: oops.id, pinned: true })).toEqual({
      error: 'MESSAGE_NOT_FOUND',
      message: 'This message was deleted',
    })

    for (let n = 0; n < LIMITS.pinsPerRoomMax; n++) await pin(ann, (await send(ann, `note ${n}`)).id)
    const one = await send(ann, 'one too many')
    expect(await request(bob, 'message:pin', { id: one.id, pinned: true })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: `A room keeps at most ${LIMITS.pinsPerRoomMax} pinned messages: unpin one first`,
    })

    const dm = await openDm(ann, 'Bob')
    const secret = await send(ann, 'door code 4471', dm.id)
    await pin(bob, secret.id)
    expect(await pinsOf(ann, dm.id)).toEqual(['door code 4471'])
    const cy = await join('Cy')
    expect(await request(cy, 'message:pins', { roomId: dm.id })).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    expect(await request(cy, 'message:pin', { id: secret.id, pinned: false })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })
  })
})
