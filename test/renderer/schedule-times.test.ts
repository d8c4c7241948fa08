import { describe, expect, it } from 'vitest'
import { describeScheduled, fieldTime, scheduleTime, typedTime } from '../../src-renderer/src/lib/schedule-times'

describe('times a message is scheduled for', () => {
  const now = new Date(2026, 11, 8, 23, 40).getTime()

  it('offers some minutes ahead, or tomorrow morning, which after midnight is still the next day', () => {
    expect(scheduleTime('30m', now)).toBe(now + 30 * 60_000)
    expect(scheduleTime('3h', now)).toBe(now + 3 * 60 * 60_000)
    expect(new Date(scheduleTime('tomorrow', now))).toEqual(new Date(2026, 11, 9, 9, 0))
    const justAfterMidnight = new Date(2026, 11, 9, 0, 10).getTime()
    expect(new Date(scheduleTime('tomorrow', justAfterMidnight))).toEqual(new Date(2026, 11, 10, 9, 0))
  })

  it('reads a typed time as local time, and says what is wrong with one it cannot use', () => {
    expect(typedTime('2026-12-09T10:30', now)).toBe(new Date(2026, 11, 9, 10, 30).getTime())
    expect(typedTime(fieldTime(now + 5 * 60_000), now)).toBe(now + 5 * 60_000)
    expect(typedTime('', now)).toEqual({ problem: 'Pick a day and a time' })
    expect(typedTime('tomorrow', now)).toEqual({ problem: 'That is not a time' })
    expect(typedTime('2026-12-08T23:40', now)).toEqual({ problem: 'That time has passed' })
    expect(typedTime('2026-12-08T09:00', now)).toEqual({ problem: 'That time has passed' })
  })

  it('shows the field’s value to the minute, padded as the field wants it', () => {
    expect(fieldTime(new Date(2027, 0, 2, 3, 4, 59).getTime())).toBe('2027-01-02T03:04')
  })

  it('describes when one goes: the time today, the day’s name within the week', () => {
    expect(describeScheduled(now + 10 * 60_000, now)).toMatch(/^⏱ \d{1,2}:50/)
    expect(describeScheduled(new Date(2026, 11, 9, 9, 0).getTime(), now)).toMatch(/^⏱ Wed,? 9:00/)
  })
})
