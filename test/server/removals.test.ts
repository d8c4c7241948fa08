import { afterEach, describe, expect, it } from 'vitest'
import { createRemovals, isLoopback } from '../../server/moderation/removals'
import { createSqliteRemovalStore } from '../../server/moderation/sqlite-removal-store'
import { openDatabase, type Db } from '../../server/storage/database'
import { makeDataDir } from '../helpers/server'

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

  describe('kept in SQLite', () => {
    const opened: Array<{ db: Db; remove: () => void }> = []
    afterEach(() => opened.splice(0).forEach(({ db, remove }) => (db.close(), remove())))
    function database(): Db {
      const data = makeDataDir()
      const db = openDatabase(data.dir)
      opened.push({ db, remove: data.remove })
      return db
    }

    it('brings back what bars whom, and forgets what was lifted or ran out', () => {
      const db = database()
      let now = 0
      const first = createRemovals(() => now, createSqliteRemovalStore(db))
      const bob = first.remove({ name: 'Bob', devices: ['bob-phone'], addresses: ['10.0.0.7'] }, 'Mia', 60 * minute)
      first.remove({ name: 'Cy', devices: ['cy-phone'], addresses: [] }, 'Mia', 15 * minute)
      first.remove({ name: 'Dee', devices: [], addresses: [] }, 'Mia', 30 * minute)
      expect(first.lift('dee')).toBe(true)

      const second = createRemovals(() => now, createSqliteRemovalStore(db))
      expect(second.list().map((removal) => removal.name)).toEqual(['Cy', 'Bob'])
      expect(second.barring({ name: 'Zed', device: 'laptop', address: '10.0.0.7' })).toEqual(bob)
      expect(second.barring({ name: 'Zed', device: 'bob-phone', address: '10.0.0.9' })).toEqual(bob)
      expect(second.barring({ name: 'dee', device: 'laptop', address: '10.0.0.9' })).toBeUndefined()

      now = 15 * minute
      expect(second.list()).toEqual([bob])
      expect(db.prepare('SELECT name FROM removals').pluck().all()).toEqual(['Bob'])
    })
  })

  it('knows loopback in each spelling', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true)
    expect(['192.168.1.7', '::ffff:10.0.0.1', 'fe80::1', '1.127.0.0'].some(isLoopback)).toBe(false)
  })
})
