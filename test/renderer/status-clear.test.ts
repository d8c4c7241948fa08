import { describe, expect, it } from 'vitest'
import { statusClearTime, statusTitle } from '../../src-renderer/src/lib/status-clear'

describe('a status that clears itself', () => {
  it('clears after its while, or at midnight, or never; its hover says until when', () => {
    const evening = new Date(2026, 11, 7, 22, 15).getTime()
    expect(statusClearTime('', evening)).toBeUndefined()
    expect(statusClearTime('30m', evening)).toBe(evening + 30 * 60_000)
    expect(statusClearTime('4h', evening)).toBe(evening + 4 * 3_600_000)
    expect(statusClearTime('today', evening)).toBe(new Date(2026, 11, 8, 0, 0).getTime())
    expect(statusTitle({ status: 'lunch' }, evening)).toBe('lunch')
    expect(statusTitle({ status: 'lunch', statusUntil: evening + 30 * 60_000 }, evening)).toMatch(/^lunch \(until \d/)
    // Past midnight: the day's name says which.
    expect(statusTitle({ status: 'away', statusUntil: evening + 4 * 3_600_000 }, evening)).toMatch(
      /^away \(until [A-Z][a-z]+/,
    )
  })
})
