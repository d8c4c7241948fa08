import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { usePreferencesStore } from '../../src-renderer/src/stores/preferences'
import { useRoomsStore } from '../../src-renderer/src/stores/rooms'

describe('notification levels per room', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('judges a room by its own level, or the one for everywhere, and keeps it per server and name', () => {
    const preferences = usePreferencesStore()
    preferences.restoreRoomLevels('http://10.0.0.5:3000|Ann')
    expect(preferences.levelFor('general')).toBe('mentions')
    preferences.setRoomLevel('general', 'none')
    preferences.setRoomLevel('lab', 'all')
    expect([preferences.levelFor('general'), preferences.muted('general'), preferences.levelFor('lab')]).toEqual([
      'none',
      true,
      'all',
    ])

    // After a reload: the same server and name find them; another name does not.
    setActivePinia(createPinia())
    const again = usePreferencesStore()
    again.restoreRoomLevels('http://10.0.0.5:3000|Ann')
    expect(again.roomLevels).toEqual({ general: 'none', lab: 'all' })
    again.setRoomLevel('lab', null)
    expect(again.levelFor('lab')).toBe('mentions')
    again.resetRoomLevels()
    again.restoreRoomLevels('http://10.0.0.5:3000|Bob')
    expect(again.roomLevels).toEqual({})
  })

  it('keeps only well-formed levels from what was stored', () => {
    localStorage.setItem('parley:room-notify:s|Ann', JSON.stringify({ general: 'none', lab: 'loud', ops: 3 }))
    const preferences = usePreferencesStore()
    preferences.restoreRoomLevels('s|Ann')
    expect(preferences.roomLevels).toEqual({ general: 'none' })
  })

  it('leaves a muted room out of the total the title and the dock show', () => {
    const preferences = usePreferencesStore()
    const rooms = useRoomsStore()
    rooms.unread = { general: 4, lab: 2 }
    expect(rooms.totalUnread).toBe(6)
    preferences.setRoomLevel('general', 'none')
    expect(rooms.totalUnread).toBe(2)
    preferences.setRoomLevel('general', 'mentions')
    expect(rooms.totalUnread).toBe(6)
  })
})
