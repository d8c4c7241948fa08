import { afterEach, describe, expect, it } from 'vitest'
import type { ReadMark } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request, openDm } from '../helpers/request'
import { connectClient, newToken, type TestClient } from '../helpers/server'

/** Every `receipts:seen` a client gets, in order. */
function receiptsTo(client: TestClient): ReadMark[] {
  const seen: ReadMark[] = []
  client.on('receipts:seen', (mark) => seen.push(mark))
  return seen
}

describe('read receipts in DMs', () => {
  const t = useServerFixture()
  const phones: TestClient[] = []
  afterEach(() => phones.splice(0).forEach((phone) => phone.disconnect()))

  it('tells the other person how far a DM was read, live and on joining, and nobody else', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const carol = await t.join('Carol')
    const dm = await openDm(ann, 'Bob')
    const first = await t.send(ann, 'are you in?', dm.id)
    const second = await t.send(ann, 'the lab, I mean', dm.id)
    const general = await t.send(bob, 'morning all')
    const toAnn = receiptsTo(ann)
    const toBob = receiptsTo(bob)
    const toCarol = receiptsTo(carol)

    // Reading #general shares nothing; reading the DM tells Ann, and only her.
    await request(bob, 'message:read', { roomId: 'general', upTo: general.id })
    await request(bob, 'message:read', { roomId: dm.id, upTo: first.id })
    await expect.poll(() => toAnn).toEqual([{ roomId: dm.id, upTo: first.id }])
    // A late, lower mark moves nothing and says nothing; the next one does.
    await request(bob, 'message:read', { roomId: dm.id, upTo: 0 })
    await request(bob, 'message:read', { roomId: dm.id, upTo: second.id })
    await expect.poll(() => toAnn.length).toBe(2)
    expect(toAnn[1]).toEqual({ roomId: dm.id, upTo: second.id })
    // A round trip each after the reads: anything sent them before it has arrived.
    await request(carol, 'session:ping', { sentAt: 0 })
    await request(bob, 'session:ping', { sentAt: 0 })
    expect(toCarol).toEqual([])
    expect(toBob).toEqual([])

    // On joining (another device, a reload), the receipts come in one request.
    expect(await request(ann, 'receipts:get', {})).toEqual({
      data: { share: true, marks: [{ roomId: dm.id, upTo: second.id }] },
    })
    // Ann has not read the DM at all: Bob has no receipt for it.
    expect(await request(bob, 'receipts:get', {})).toEqual({ data: { share: true, marks: [] } })
    expect(await request(carol, 'receipts:get', {})).toEqual({ data: { share: true, marks: [] } })
  })

  it('shares a mark a device brings back from offline reading, and receipts survive a restart', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const dm = await openDm(bob, 'Ann')
    const sent = await t.send(ann, 'when you are back', dm.id)
    const toAnn = receiptsTo(ann)
    // Bob read it while his mark could not reach the server; his next join's unread request carries it.
    await request(bob, 'message:unread', { marks: [{ roomId: dm.id, upTo: sent.id }] })
    await expect.poll(() => toAnn).toEqual([{ roomId: dm.id, upTo: sent.id }])

    await t.stop()
    await t.start()
    const annAgain = await t.join('ann')
    expect(await request(annAgain, 'receipts:get', {})).toEqual({
      data: { share: true, marks: [{ roomId: dm.id, upTo: sent.id }] },
    })
  })

  it('works both ways: who stops sharing receipts neither sends nor gets them, on every device, across a restart', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const dm = await openDm(ann, 'Bob')
    const fromBob = await t.send(bob, 'pong', dm.id)
    const toAnn = receiptsTo(ann)
    const toBob = receiptsTo(bob)

    // Bob stops (his other devices hear it; this one has the ack), and Ann's "Seen" there goes at once.
    const withheld = new Promise((resolve) => ann.once('receipts:withheld', resolve))
    const code = await request(bob, 'session:link', {})
    if (!('data' in code)) throw new Error(code.message)
    const bobsPhone = connectClient(t.server.url)
    phones.push(bobsPhone)
    expect(
      await request(bobsPhone, 'session:join', { name: 'bob', token: newToken(), linkCode: code.data.code }),
    ).toMatchObject({ data: { name: 'Bob' } })
    const settingOnPhone = new Promise((resolve) => bobsPhone.once('receipts:shared', resolve))
    expect(await request(bob, 'receipts:share', { share: false })).toEqual({ data: { share: false } })
    expect(await settingOnPhone).toEqual({ share: false })
    expect(await withheld).toEqual({ roomId: dm.id })
    // His reading is not shared, and Ann's is not shown to him.
    await request(bob, 'message:read', { roomId: dm.id, upTo: fromBob.id })
    await request(ann, 'message:read', { roomId: dm.id, upTo: fromBob.id })
    await request(ann, 'session:ping', { sentAt: 0 })
    await request(bob, 'session:ping', { sentAt: 0 })
    expect(toAnn).toEqual([])
    expect(toBob).toEqual([])
    expect(await request(ann, 'receipts:get', {})).toEqual({ data: { share: true, marks: [] } })
    expect(await request(bob, 'receipts:get', {})).toEqual({ data: { share: false, marks: [] } })

    await t.stop()
    await t.start()
    const bobAgain = await t.join('Bob')
    const annAgain = await t.join('Ann')
    expect(await request(bobAgain, 'receipts:get', {})).toEqual({ data: { share: false, marks: [] } })
    // Sharing again, both ways at once: the marks kept meanwhile count, and Ann is told his at once.
    const shownAgain = new Promise((resolve) => annAgain.once('receipts:seen', resolve))
    expect(await request(bobAgain, 'receipts:share', { share: true })).toEqual({ data: { share: true } })
    expect(await shownAgain).toEqual({ roomId: dm.id, upTo: fromBob.id })
    expect(await request(bobAgain, 'receipts:get', {})).toEqual({
      data: { share: true, marks: [{ roomId: dm.id, upTo: fromBob.id }] },
    })
    expect(await request(annAgain, 'receipts:get', {})).toEqual({
      data: { share: true, marks: [{ roomId: dm.id, upTo: fromBob.id }] },
    })
  })
})
