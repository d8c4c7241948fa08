import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { Message } from '../../protocol'
import { describeReminder, reminderTime } from '../../src-renderer/src/lib/reminders'
import { usePreferencesStore } from '../../src-renderer/src/stores/preferences'
import { useRoomsStore } from '../../src-renderer/src/stores/rooms'
import { useSavedStore } from '../../src-renderer/src/stores/saved'

const MINUTE = 60_000

describe('reminders of saved messages', () => {
  const shown: string[] = []
  class FakeNotification {
    static permission = 'granted'
    constructor(title: string, options: NotificationOptions) {
      shown.push(`${title} | ${options.body}`)
    }
  }
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
    shown.length = 0
    vi.stubGlobal('Notification', FakeNotification)
    vi.useFakeTimers({ now: new Date(2026, 11, 7, 22, 15) })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  const message = (id: number, text: string): Message => ({
    id,
    clientId: null,
    roomId: 'general',
    author: 'Bob',
    text,
    ts: Date.now(),
  })

  it('offers times from now, or tomorrow at 9:00, and says when', () => {
    const evening = Date.now()
    expect(reminderTime('20m', evening)).toBe(evening + 20 * MINUTE)
    expect(reminderTime('3h', evening)).toBe(evening + 180 * MINUTE)
    expect(reminderTime('tomorrow', evening)).toBe(new Date(2026, 11, 8, 9, 0).getTime())
    expect(describeReminder(evening + 20 * MINUTE, evening)).toMatch(/^⏰ \d/)
    expect(describeReminder(reminderTime('tomorrow', evening), evening)).toMatch(/^⏰ [A-Z][a-z]+/)
    expect(describeReminder(evening, evening)).toBe('⏰ Now')
  })

  it('comes due at its time, announced once with a notification, and is due until done', async () => {
    useRoomsStore().rooms = [{ id: 'general', name: 'general', kind: 'room' }]
    const saved = useSavedStore()
    saved.items = [
      { message: message(1, 'call the caterer'), savedAt: Date.now(), remindAt: Date.now() + 20 * MINUTE },
      { message: message(2, 'no reminder'), savedAt: Date.now() - 1 },
      { message: message(3, 'book the room'), savedAt: Date.now() - 2, remindAt: Date.now() + 60 * MINUTE },
    ]
    await nextTick()
    expect(saved.due).toEqual([])

    vi.advanceTimersByTime(20 * MINUTE)
    await nextTick()
    expect(saved.due.map(({ message }) => message.id)).toEqual([1])
    expect(shown).toEqual(['Reminder: Bob in #general | call the caterer'])

    // The list changing (an edit, another saved) announces nothing again.
    saved.items = [...saved.items, { message: message(4, 'another'), savedAt: Date.now() }]
    vi.advanceTimersByTime(40 * MINUTE)
    await nextTick()
    expect(saved.due.map(({ message }) => message.id)).toEqual([1, 3])
    expect(shown).toEqual(['Reminder: Bob in #general | call the caterer', 'Reminder: Bob in #general | book the room'])
  })

  it('shows a reminder due while notifications are paused, without a notification', async () => {
    await usePreferencesStore().pauseUntil(Date.now() + 60 * MINUTE)
    const saved = useSavedStore()
    saved.items = [{ message: message(1, 'quietly'), savedAt: Date.now(), remindAt: Date.now() + MINUTE }]
    await nextTick()
    vi.advanceTimersByTime(MINUTE)
    await nextTick()
    expect(saved.due).toHaveLength(1)
    expect(shown).toEqual([])
  })
})
