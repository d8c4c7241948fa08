import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dayLabel, GROUP_WINDOW_MS, withDayBreaks } from '../../src-renderer/src/lib/day-breaks'

// A zone with a clock change, so a day of 23 hours is among the cases.
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin')
})
afterAll(() => {
  vi.unstubAllEnvs()
})

const at = (y: number, month: number, d: number, h = 12, min = 0): number => new Date(y, month - 1, d, h, min).getTime()

describe('day labels', () => {
  const now = at(2026, 11, 26, 10)

  it('says Today and Yesterday by the calendar, not by 24 hours', () => {
    expect(dayLabel(at(2026, 11, 26, 0, 1), now)).toBe('Today')
    expect(dayLabel(at(2026, 11, 25, 23, 59), at(2026, 11, 26, 0, 1))).toBe('Yesterday')
    expect(dayLabel(at(2026, 11, 25, 0, 1), now)).toBe('Yesterday')
    // 29 March 2026 has 23 hours in Berlin.
    expect(dayLabel(at(2026, 3, 29, 0, 30), at(2026, 3, 30, 10))).toBe('Yesterday')
    expect(dayLabel(at(2026, 3, 28, 23, 30), at(2026, 3, 30, 0, 10))).not.toBe('Yesterday')
  })

  it('gives the date beyond that, with the year only when it is another one', () => {
    const older = dayLabel(at(2026, 11, 23), now)
    expect(older).toMatch(/23/)
    expect(older).toMatch(/Monday/)
    expect(older).not.toMatch(/2026/)
    expect(dayLabel(at(2025, 12, 31), now)).toMatch(/2025/)
  })
})

describe('day breaks in a room', () => {
  it('puts one day line before the first message of each day', () => {
    const now = at(2026, 11, 26, 10)
    const messages = [
      { id: 1, clientId: null, author: 'Ann', ts: at(2026, 11, 24, 9) },
      { id: 2, clientId: 'a', author: 'Ann', ts: at(2026, 11, 24, 22) },
      { id: 3, clientId: null, author: 'Ann', ts: at(2026, 11, 25, 8) },
      { id: 0, clientId: 'pending-1', author: 'Ann', ts: at(2026, 11, 26, 9) },
    ]
    const rows = withDayBreaks(messages, now)
    expect(rows.map((row) => (row.kind === 'day' ? row.label : row.message.id))).toEqual([
      dayLabel(messages[0]!.ts, now),
      1,
      2,
      'Yesterday',
      3,
      'Today',
      0,
    ])
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length)
    expect(withDayBreaks([], now)).toEqual([])
  })
})

describe('messages in a row from one person', () => {
  const now = at(2026, 11, 26, 18)
  const continuedOf = (messages: Array<{ author: string; ts: number; replyTo?: unknown }>) =>
    withDayBreaks(
      messages.map((message, index) => ({ id: index + 1, clientId: null, ...message })),
      now,
    ).flatMap((row) => (row.kind === 'message' ? [row.continued] : []))

  it('shows the name once for messages that follow within a few minutes, whatever the name’s case', () => {
    const start = at(2026, 11, 26, 9)
    expect(
      continuedOf([
        { author: 'Ann', ts: start },
        { author: 'ann', ts: start + 60_000 },
        { author: 'Ann', ts: start + 60_000 + GROUP_WINDOW_MS },
        { author: 'Bob', ts: start + 60_000 + GROUP_WINDOW_MS },
        { author: 'Ann', ts: start + 70_000 + GROUP_WINDOW_MS },
      ]),
    ).toEqual([false, true, true, false, false])
  })

  it('names the author again after a pause, on a new day, and on a reply', () => {
    const start = at(2026, 11, 25, 23, 58)
    expect(
      continuedOf([
        { author: 'Ann', ts: start },
        { author: 'Ann', ts: start + 60_000 },
        // Past midnight: a day line comes between.
        { author: 'Ann', ts: start + 3 * 60_000 },
        { author: 'Ann', ts: start + 4 * 60_000, replyTo: { id: 1, author: 'Bob', text: 'hi' } },
        { author: 'Ann', ts: start + 5 * 60_000 + GROUP_WINDOW_MS },
      ]),
    ).toEqual([false, true, false, false, false])
  })
})
