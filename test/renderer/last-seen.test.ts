import { describe, expect, it } from 'vitest'
import { lastSeenLabel } from '../../src-renderer/src/lib/last-seen'

const at = (d: number, h: number, min = 0): number => new Date(2026, 11, d, h, min).getTime()

describe('last seen', () => {
  const now = at(7, 10, 30)

  it('counts minutes within the hour, then names the day and the time', () => {
    expect(lastSeenLabel(now - 20_000, now)).toBe('last seen just now')
    expect(lastSeenLabel(now - 60_000, now)).toBe('last seen 1 minute ago')
    expect(lastSeenLabel(now - 59 * 60_000, now)).toBe('last seen 59 minutes ago')
    expect(lastSeenLabel(at(7, 8, 5), now)).toMatch(/^last seen today at 0?8:05/)
    expect(lastSeenLabel(at(6, 22, 40), now)).toMatch(/^last seen yesterday at (22:40|10:40 PM)$/)
    // The date as dayLabel gives it, in the locale's order.
    expect(lastSeenLabel(at(3, 17, 2), now)).toMatch(
      /^last seen on Thursday, (3 December|December 3) at (17:02|0?5:02 PM)$/,
    )
  })
})
