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
  })
})
