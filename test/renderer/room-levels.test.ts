import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { usePreferencesStore } from '../../src-renderer/src/stores/preferences'
import { useRoomsStore } from '../../src-renderer/src/stores/rooms'

describe('notification levels per room', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('judges a room by its own level, or the one for everywhere, as the server keeps them for the person', () => {
    const preferences = usePreferencesStore()
    preferences.restoreRoomLevels('http://10.0.0.5:3000|Ann', { lab: 'all' })
    expect([preferences.levelFor('general'), preferences.levelFor('lab')]).toEqual(['mentions', 'all'])
    preferences.setRoomLevel('general', 'none')
    expect([preferences.levelFor('general'), preferences.muted('general')]).toEqual(['none', true])
    preferences.setRoomLevel('lab', null)
    expect(preferences.levelFor('lab')).toBe('mentions')
    preferences.resetRoomLevels()
    expect(preferences.roomLevels).toEqual({})
  })

  it('hands the server, once, the well-formed levels this device kept before the server did, again if it was lost', async () => {
    const stored = 'parley:room-notify:s|Ann'
    localStorage.setItem(stored, JSON.stringify({ general: 'none', lab: 'loud', ops: 3, dev: 'all' }))
    const preferences = usePreferencesStore()
    // The server's word on a room it has a level for stands.
    preferences.restoreRoomLevels('s|Ann', { dev: 'mentions' })
    expect(preferences.roomLevels).toEqual({ general: 'none', dev: 'mentions' })
    expect(JSON.parse(localStorage.getItem(stored)!)).toEqual({})
    // No connection here, so the hand-over did not reach the server: the next join hands it again.
    await Promise.resolve()
    preferences.restoreRoomLevels('s|Ann', {})
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
