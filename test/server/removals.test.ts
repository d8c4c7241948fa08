import { describe, expect, it } from 'vitest'
import { createRemovals, isLoopback } from '../../server/moderation/removals'

describe('removals', () => {
  const minute = 60_000

  it('bars a name in any spelling, its devices and its addresses until the time is up', () => {
    let now = 1_000_000
    const removals = createRemovals(() => now)
    const removal = removals.remove(
      { name: 'Bob', devices: ['phone'], addresses: ['192.168.1.7', '127.0.0.1'] },
      'Mia',
      now + 15 * minute,
    )
    expect(removal).toEqual({ name: 'Bob', by: 'Mia', until: now + 15 * minute })
    const stranger = { name: 'Zed', device: 'laptop', address: '192.168.1.9' }
    expect(removals.barring({ ...stranger, name: 'bob' })).toEqual(removal)
    expect(removals.barring({ ...stranger, device: 'phone' })).toEqual(removal)
    expect(removals.barring({ ...stranger, address: '192.168.1.7' })).toEqual(removal)
    // Loopback is every local user's address, the host's too: never barred.
    expect(removals.barring({ ...stranger, address: '127.0.0.1' })).toBeUndefined()
    expect(removals.barring(stranger)).toBeUndefined()

    now += 15 * minute
    expect(removals.barring({ ...stranger, device: 'phone' })).toBeUndefined()
    expect(removals.list()).toEqual([])
  })

  it('lists the soonest back first; a lift or an expiry frees only what that removal barred', () => {
    let now = 0
    const removals = createRemovals(() => now)
    removals.remove({ name: 'Bob', devices: ['shared'], addresses: [] }, 'Mia', 60 * minute)
    const cy = removals.remove({ name: 'Cy', devices: ['shared', 'cy-phone'], addresses: [] }, 'Mia', 15 * minute)
    expect(removals.list().map((removal) => removal.name)).toEqual(['Cy', 'Bob'])
    expect(removals.barring({ name: 'Zed', device: 'shared', address: '10.0.0.2' })).toEqual(cy)

    expect(removals.lift('BOB')).toBe(true)
    expect(removals.lift('Bob')).toBe(false)
    // Cy's removal still holds the device they shared.
    expect(removals.barring({ name: 'Zed', device: 'shared', address: '10.0.0.2' })).toEqual(cy)
    expect(removals.barring({ name: 'Bob', device: 'bob-laptop', address: '10.0.0.3' })).toBeUndefined()
    now = 15 * minute
    expect(removals.barring({ name: 'Zed', device: 'cy-phone', address: '10.0.0.2' })).toBeUndefined()
  })

  it('knows loopback in each spelling', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true)
    expect(['192.168.1.7', '::ffff:10.0.0.1', 'fe80::1', '1.127.0.0'].some(isLoopback)).toBe(false)
  })
})
