import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { openDm, request } from '../helpers/request'
import { waitForEvent, type TestClient } from '../helpers/server'

describe('messages saved for later', () => {
  const t = useServerFixture()
  const { join, send } = t
  /** Two tabs of one browser (one device id) may share a name, as linked devices do. */
  const tab = async (name: string): Promise<TestClient> => (await t.tab(name)).client

  it('keeps each person’s own list, the latest saved first, on all their devices', async () => {
    await t.start()
    const laptop = await tab('Ann')
    const phone = await tab('ann')
    const bob = await join('Bob')
    const first = await send(bob, 'the wifi password is on the fridge')
    const second = await send(bob, 'standup moved to ten')

    const told = waitForEvent(phone, 'saved:changed')
    const saved = await request(laptop, 'message:save', { id: first.id, saved: true })
    if (!('data' in saved)) throw new Error(saved.message)
    expect(saved.data).toMatchObject({ message: { id: first.id, text: first.text } })
    expect((await told)[0]).toEqual(saved.data)
    await request(phone, 'message:save', { id: second.id, saved: true })
    // Asked again: nothing changes, not even when.
    expect(await request(laptop, 'message:save', { id: first.id, saved: true })).toEqual(saved)

    const listed = await request(phone, 'message:saved', {})
    if (!('data' in listed)) throw new Error(listed.message)
    expect(listed.data.map(({ message }) => message.text)).toEqual([second.text, first.text])
    // Bob's list is his own.
    expect(await request(bob, 'message:saved', {})).toEqual({ data: [] })

    const letGo = waitForEvent(laptop, 'saved:changed')
    expect(await request(phone, 'message:save', { id: second.id, saved: false })).toMatchObject({
      data: { message: { id: second.id }, savedAt: null },
    })
    expect((await letGo)[0]).toMatchObject({ savedAt: null })
    // Saved in a public room left since: still listed, and let go from the list.
    await request(laptop, 'room:create', { name: 'lab' })
    await request(bob, 'room:join', { roomId: 'lab' })
    const inLab = await send(bob, 'lab notes', 'lab')
    await request(laptop, 'message:save', { id: inLab.id, saved: true })
    await request(laptop, 'room:leave', { roomId: 'lab' })
    expect(await request(phone, 'message:saved', {})).toMatchObject({
      data: [{ message: { id: inLab.id } }, { message: { id: first.id } }],
    })
    expect(await request(phone, 'message:save', { id: inLab.id, saved: false })).toMatchObject({
      data: { savedAt: null },
    })
    expect(await request(laptop, 'message:saved', {})).toMatchObject({ data: [{ message: { id: first.id } }] })
  })

  it('shows only what its person can still read, refuses what they cannot, and keeps to its limit', async () => {
    await t.start({ rateLimits: { requestsPerSecond: 1e6, sendsPerSecond: 1e6 } })
    const ann = await join('Ann')
    const bob = await join('Bob')
    await join('Cy')
    const secret = await request(bob, 'room:create', { name: 'secret', private: true })
    if (!('data' in secret)) throw new Error(secret.message)
    await request(bob, 'room:invite', { roomId: secret.data.id, name: 'Ann' })
    const inSecret = await send(bob, 'between us', secret.data.id)
    const oops = await send(bob, 'wrong room')
    for (const { id } of [inSecret, oops]) await request(ann, 'message:save', { id, saved: true })
    await request(bob, 'message:delete', { id: oops.id })
    await request(bob, 'room:remove-person', { roomId: secret.data.id, name: 'Ann' })
    // Not shown, and let go (the app asks on every join), so they do not count against the limit.
    expect(await request(ann, 'message:saved', {})).toEqual({ data: [] })
    // Deleted, it cannot be saved; in a DM of others, it is not there at all.
    expect(await request(ann, 'message:save', { id: oops.id, saved: true })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })
    const dm = await openDm(bob, 'Cy')
    const theirs = await send(bob, 'psst', dm.id)
    expect(await request(ann, 'message:save', { id: theirs.id, saved: true })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })

    for (let i = 0; i < LIMITS.savedPerPersonMax; i++) {
      const message = await send(bob, `note ${i}`)
      expect(await request(ann, 'message:save', { id: message.id, saved: true })).toHaveProperty('data')
    }
    const more = await send(bob, 'one too many')
    const full = {
      error: 'INVALID_PAYLOAD',
      message: `You can keep at most ${LIMITS.savedPerPersonMax} saved messages: let one go first`,
    }
    expect(await request(ann, 'message:save', { id: more.id, saved: true })).toMatchObject(full)
    // A reminder saves the message too: not past the limit either.
    expect(await request(ann, 'message:remind', { id: more.id, at: Date.now() + 60_000 })).toMatchObject(full)
  })

  it('reminds of a message at the time asked, saving it, on all the person’s devices and across restarts', async () => {
    await t.start()
    const laptop = await tab('Ann')
    const phone = await tab('ann')
    const bob = await join('Bob')
    const note = await send(bob, 'call the caterer back')
    const at = Date.now() + 60 * 60_000

    // Not saved yet: reminding saves it, and the other device hears of both.
    const told = waitForEvent(phone, 'saved:changed')
    const reminded = await request(laptop, 'message:remind', { id: note.id, at })
    expect(reminded).toEqual({ data: { message: note, savedAt: expect.any(Number), remindAt: at } })
    expect((await told)[0]).toEqual((reminded as { data: unknown }).data)
    // Saving it again keeps the reminder.
    expect(await request(phone, 'message:save', { id: note.id, saved: true })).toMatchObject({ data: { remindAt: at } })

    await t.stop()
    await t.start()
    const again = await tab('Ann')
    expect(await request(again, 'message:saved', {})).toMatchObject({
      data: [{ message: { id: note.id }, remindAt: at }],
    })
    // Done: the reminder goes, the message stays saved.
    const done = await request(again, 'message:remind', { id: note.id, at: null })
    if (!('data' in done)) throw new Error(done.message)
    expect(done).toEqual({ data: { message: note, savedAt: expect.any(Number) } })
    expect(await request(again, 'message:saved', {})).toEqual({ data: [done.data] })
    // Let go and saved again: no reminder comes back with it.
    await request(again, 'message:remind', { id: note.id, at })
    await request(again, 'message:save', { id: note.id, saved: false })
    expect(await request(again, 'message:save', { id: note.id, saved: true })).not.toHaveProperty('data.remindAt')
  })

  it('refuses a reminder in the past, more than a year ahead, or of what the person cannot read', async () => {
    await t.start()
    const ann = await join('Ann')
    const bob = await join('Bob')
    await join('Cy')
    const note = await send(bob, 'later')
    const remind = (id: number, at: unknown) => request(ann, 'message:remind', { id, at } as never)
    expect(await remind(note.id, Date.now() - 5 * 60_000)).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'That time has passed',
    })
    expect(await remind(note.id, Date.now() + LIMITS.reminderAheadMaxMs + 60_000)).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'A reminder can be at most a year ahead',
    })
    expect(await remind(note.id, 'tomorrow')).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(await remind(note.id, Date.now() + 0.5)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    const dm = await openDm(bob, 'Cy')
    const theirs = await send(bob, 'psst', dm.id)
    expect(await remind(theirs.id, Date.now() + 60_000)).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })
    await request(bob, 'message:delete', { id: note.id })
    expect(await remind(note.id, Date.now() + 60_000)).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })
    expect(await request(ann, 'message:saved', {})).toEqual({ data: [] })
  })
})
