import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { joinAs, waitForEvent } from '../helpers/server'

describe('statuses', () => {
  const t = useServerFixture()

  it('shows what someone says they are doing to everyone, and keeps it while they are away and after a restart', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const told = waitForEvent(bob, 'presence:updated', (member) => member.name === 'Ann')
    expect(await request(ann, 'presence:status', { status: '  In a meeting until 3 ' })).toEqual({
      data: { name: 'Ann', transport: 'websocket', status: 'In a meeting until 3' },
    })
    expect((await told)[0].status).toBe('In a meeting until 3')

    // Offline and back: still there, in everyone's list.
    const gone = waitForEvent(bob, 'presence:left', (member) => member.name === 'Ann')
    ann.disconnect()
    await gone
    const back = await joinAs(t.server.url, 'ann')
    expect(back.joined.members.find((member) => member.name === 'ann')?.status).toBe('In a meeting until 3')
    back.client.disconnect()
    await t.stop()
    await t.start()
    await t.join('Ann')
    const carol = await joinAs(t.server.url, 'Carol')
    expect(carol.joined.members.find((member) => member.name === 'Ann')?.status).toBe('In a meeting until 3')
    carol.client.disconnect()
  })

  it('clears with an empty status, and refuses more than one line or too long a one', async () => {
    await t.start()
    const ann = await t.join('Ann')
    await request(ann, 'presence:status', { status: 'lunch' })
    const cleared = await request(ann, 'presence:status', { status: '' })
    expect(cleared).toEqual({ data: { name: 'Ann', transport: 'websocket' } })
    for (const status of ['two\nlines', 'x'.repeat(LIMITS.statusMaxLength + 1), '\u202eevil']) {
      expect(await request(ann, 'presence:status', { status })).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
    // A time to clear itself must be ahead, by a week at most, in whole milliseconds.
    const until = (ms: number) => request(ann, 'presence:status', { status: 'away', until: ms })
    expect(await until(Date.now() - 1000)).toEqual({ error: 'INVALID_PAYLOAD', message: 'That time has passed' })
    expect(await until(Date.now() + LIMITS.statusClearAheadMaxMs + 60_000)).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'A status can clear itself at most a week ahead',
    })
    expect(await until(Date.now() + 60_000.5)).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })

  it('clears a status set to clear itself when its time comes, for everyone, and one come due while offline on return', async () => {
    await t.start({ statusSweepEveryMs: 50 })
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const soon = Date.now() + 400
    const set = await request(ann, 'presence:status', { status: 'in a meeting', until: soon })
    expect(set).toEqual({ data: { name: 'Ann', transport: 'websocket', status: 'in a meeting', statusUntil: soon } })
    const cleared = await waitForEvent(bob, 'presence:updated', (member) => member.name === 'Ann' && !member.status)
    expect(cleared[0]).not.toHaveProperty('statusUntil')
    expect(Date.now()).toBeGreaterThanOrEqual(soon)

    // Set again, and offline when its time comes (a restart, so no sweep ran meanwhile): none on return.
    const later = Date.now() + 300
    await request(ann, 'presence:status', { status: 'at lunch', until: later })
    const hour = Date.now() + 3_600_000
    await request(bob, 'presence:status', { status: 'on call', until: hour })
    await t.stop()
    await waitUntilPast(later)
    await t.start({ statusSweepEveryMs: 3_600_000 })
    const carol = await joinAs(t.server.url, 'Carol')
    const back = await joinAs(t.server.url, 'Ann')
    expect(back.joined.members.find((member) => member.name === 'Ann')).not.toHaveProperty('status')
    const bobBack = await joinAs(t.server.url, 'Bob')
    expect(bobBack.joined.members.find((member) => member.name === 'Bob')).toMatchObject({
      status: 'on call',
      statusUntil: hour,
    })
    for (const client of [carol.client, back.client, bobBack.client]) client.disconnect()
  })
})

/** Resolves once this process's clock has passed `at`. */
function waitUntilPast(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now() + 1)))
}
