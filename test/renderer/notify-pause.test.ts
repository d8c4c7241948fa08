import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { describePause, pauseEnd } from '../../src-renderer/src/lib/notify-pause'
import { usePreferencesStore } from '../../src-renderer/src/stores/preferences'

describe('pausing notifications', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
  })
  afterEach(() => vi.useRealTimers())

  it('ends a pause after its while, or tomorrow at 8:00 local time, whatever the hour now', () => {
    const evening = new Date(2026, 11, 7, 22, 15).getTime()
    expect(pauseEnd('30m', evening)).toBe(evening + 30 * 60_000)
    expect(pauseEnd('2h', evening)).toBe(evening + 2 * 3_600_000)
    expect(pauseEnd('tomorrow', evening)).toBe(new Date(2026, 11, 8, 8, 0).getTime())
    // Just after midnight, "tomorrow" is still the next day: the person is going to bed.
    expect(pauseEnd('tomorrow', new Date(2026, 11, 31, 0, 30).getTime())).toBe(new Date(2027, 0, 1, 8, 0).getTime())
    expect(describePause(evening + 30 * 60_000, evening)).toMatch(/^Paused until \d/)
    expect(describePause(pauseEnd('tomorrow', evening), evening)).toMatch(/^Paused until [A-Z][a-z]+/)
  })

  it('is paused until its time, kept with the settings, and resumes by itself', async () => {
    vi.useFakeTimers({ now: new Date(2026, 11, 7, 12, 0) })
    const preferences = usePreferencesStore()
    await preferences.pauseUntil(Date.now() + 60_000)
    expect(preferences.paused()).toBe(true)
    // A reload reads it back.
    setActivePinia(createPinia())
    const reloaded = usePreferencesStore()
    await reloaded.load()
    expect(reloaded.pausedUntil).toBe(Date.now() + 60_000)
    vi.advanceTimersByTime(60_000)
    expect(reloaded.paused()).toBe(false)
    expect(reloaded.pausedUntil).toBe(0)
    await reloaded.pauseUntil(Date.now() + 60_000)
    await reloaded.pauseUntil(0)
    expect(reloaded.paused()).toBe(false)
  })
})
