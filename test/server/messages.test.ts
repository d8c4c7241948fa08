import { describe, expect, it } from 'vitest'
import { LIMITS, type Message } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { waitForEvent } from '../helpers/server'
import { request, openDm } from '../helpers/request'

describe('messages and history', () => {
  const t = useServerFixture()
  const { join, send } = t

  it('acks a send with the stored message and delivers the same message to the room', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const delivered = waitForEvent(bob, 'message:created')
    const before = Date.now()
    const stored = await send(ann, 'hello <b>world</b>')
    expect(stored).toEqual({
      id: expect.any(Number),
      clientId: null,
      roomId: 'general',
      author: 'ann',
      text: 'hello <b>world</b>',
      ts: expect.any(Number),
    })
    expect(stored.ts).toBeGreaterThanOrEqual(before - 1000)
    expect((await delivered)[0]).toEqual(stored)
  })

  it('returns the same stored message when a send with a clientId is retried', async () => {
    await t.start()
    const ann = await join('ann')
    const payload = { roomId: 'general', text: 'once', clientId: 'c-1' }
    const first = await request(ann, 'message:send', payload)
    const retry = await request(ann, 'message:send', payload)
    expect(retry).toEqual(first)
    const page = await request(ann, 'message:history', { roomId: 'general' })
    expect('data' in page && page.data.messages.map((message) => message.text)).toEqual(['once'])
  })

  it('pages history backwards with a before cursor, at most 100 a page', async () => {
    await t.start()
    const ann = await join('ann')
    const sent: Message[] = []
    for (let i = 1; i <= 130; i++) sent.push(await send(ann, `m${i}`))

    const latest = await request(ann, 'message:history', { roomId: 'general', limit: 100 })
    if (!('data' in latest)) throw new Error(latest.message)
    expect(latest.data.messages.map((m) => m.text)).toEqual(sent.slice(30).map((m) => m.text))
    expect(latest.data.hasMore).toBe(true)

    const older = await request(ann, 'message:history', {
      roomId: 'general',
      before: latest.data.messages[0]!.id,
      limit: 100,
    })
    if (!('data' in older)) throw new Error(older.message)
    expect(older.data.messages.map((m) => m.text)).toEqual(sent.slice(0, 30).map((m) => m.text))
    expect(older.data.hasMore).toBe(false)

    const defaultPage = await request(ann, 'message:history', { roomId: 'general' })
    expect('data' in defaultPage && defaultPage.data.messages.length).toBe(LIMITS.historyPageDefault)

    expect(
      await request(ann, 'message:history', { roomId: 'general', limit: LIMITS.historyPageMax + 1 }),
    ).toMatchObject({ error: 'INVALID_PAYLOAD', message: expect.stringMatching(/^limit: /) })
  })

  it('keeps history, rooms and DMs across a server restart on the same data folder', async () => {
    await t.start()
    const ann = await join('ann')
    await join('bob')
    await request(ann, 'room:create', { name: 'kept' })
    const dm = await openDm(ann, 'bob')
    const general = await send(ann, 'before restart')
    await send(ann, 'in kept', 'kept')
    await send(ann, 'in dm', dm.id)
    await t.stop()

    await t.start()
    const bob = await join('bob')
    const page = await request(bob, 'message:history', { roomId: 'general' })
    expect(page).toEqual({ data: { messages: [general], hasMore: false, rev: 0 } })
    const dmPage = await request(bob, 'message:history', { roomId: dm.id })
    expect('data' in dmPage && dmPage.data.messages.map((m) => m.text)).toEqual(['in dm'])
    const keptPage = await request(bob, 'message:history', { roomId: 'kept' })
    expect('data' in keptPage && keptPage.data.messages.map((m) => m.text)).toEqual(['in kept'])
    // New messages continue the id sequence, so cursors stay valid.
    expect((await send(bob, 'after restart')).id).toBeGreaterThan(general.id)
  })
})
