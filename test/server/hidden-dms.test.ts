import { describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { openDm, request } from '../helpers/request'
import { waitForEvent } from '../helpers/server'

describe('closing a DM', () => {
  const t = useServerFixture()
  const { join, send, tab } = t

  it('keeps a closed DM out of the person’s list on all their devices, and only a DM', async () => {
    await t.start()
    const { client: laptop } = await tab('Ann')
    const { client: phone } = await tab('ann')
    const { client: bob } = await tab('Bob')
    const dm = await openDm(laptop, 'Bob')
    const told = waitForEvent(phone, 'dm:hidden')
    expect(await request(laptop, 'dm:hide', { roomId: dm.id, hidden: true })).toEqual({ data: null })
    expect((await told)[0]).toEqual({ roomId: dm.id, hidden: true })
    // Twice changes nothing; a new device hears of it as it joins, the DM itself still listed.
    expect(await request(phone, 'dm:hide', { roomId: dm.id, hidden: true })).toEqual({ data: null })
    const later = await tab('ANN')
    expect(later.joined.hiddenDms).toEqual([dm.id])
    expect(later.joined.rooms.map((room) => room.id)).toContain(dm.id)
    // Bob's list is his own.
    expect((await tab('Bob')).joined).not.toHaveProperty('hiddenDms')

    expect(await request(laptop, 'dm:hide', { roomId: 'general', hidden: true })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only a conversation can be closed: leave #general instead',
    })
    const cy = await join('Cy')
    const theirs = await openDm(bob, 'Cy')
    expect(await request(laptop, 'dm:hide', { roomId: theirs.id, hidden: true })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    expect(await request(cy, 'dm:hide', { roomId: dm.id, hidden: true })).toMatchObject({ error: 'ROOM_NOT_FOUND' })

    expect(await request(phone, 'dm:hide', { roomId: dm.id, hidden: false })).toEqual({ data: null })
    expect((await tab('Ann')).joined).not.toHaveProperty('hiddenDms')
  })

  it('opens it again, on all the person’s devices, when a message comes in it from someone not ignored', async () => {
    await t.start()
    const { client: laptop } = await tab('Ann')
    const { client: phone } = await tab('Ann')
    const bob = await join('Bob')
    const dm = await openDm(bob, 'Ann')
    await request(laptop, 'dm:hide', { roomId: dm.id, hidden: true })

    // Someone ignored writes: it stays closed.
    await request(laptop, 'person:ignore', { name: 'Bob', ignored: true })
    await send(bob, 'are you there?', dm.id)
    expect((await tab('Ann')).joined.hiddenDms).toEqual([dm.id])

    await request(laptop, 'person:ignore', { name: 'Bob', ignored: false })
    const onLaptop = waitForEvent(laptop, 'dm:hidden')
    const onPhone = waitForEvent(phone, 'dm:hidden')
    // Told before his ack, if at all: the server tells in the turn it stores the message.
    const bobTold: unknown[] = []
    bob.on('dm:hidden', (change) => bobTold.push(change))
    await send(bob, 'hello again', dm.id)
    expect((await onLaptop)[0]).toEqual({ roomId: dm.id, hidden: false })
    expect((await onPhone)[0]).toEqual({ roomId: dm.id, hidden: false })
    expect(bobTold).toEqual([])
    expect((await tab('Ann')).joined).not.toHaveProperty('hiddenDms')
  })

  it('opens it again for its own writer, as a message scheduled there goes out', async () => {
    await t.start()
    const ann = await join('Ann')
    await join('Bob')
    const dm = await openDm(ann, 'Bob')
    await request(ann, 'dm:hide', { roomId: dm.id, hidden: true })
    const scheduled = await request(ann, 'message:schedule', { roomId: dm.id, text: 'later', at: Date.now() + 60_000 })
    if (!('data' in scheduled)) throw new Error(scheduled.message)
    const reopened = waitForEvent(ann, 'dm:hidden')
    expect(await request(ann, 'scheduled:send', { id: scheduled.data.id })).toMatchObject({ data: { text: 'later' } })
    expect((await reopened)[0]).toEqual({ roomId: dm.id, hidden: false })
  })
})
