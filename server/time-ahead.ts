import type { AckError } from '../protocol'

/**
 * Why a time asked for ahead (a reminder, a scheduled message, a status that
 * clears itself) cannot be taken at `now`, or null: further ahead than
 * `maxMs` (`tooFar` says how far is allowed), or passed by more than
 * `graceMs` (a clock a little behind, or a choice made just before).
 */
export function timeAheadRefusal(
  at: number,
  now: number,
  { maxMs, graceMs, tooFar }: { maxMs: number; graceMs: number; tooFar: string },
): AckError | null {
  if (at > now + maxMs) return { error: 'INVALID_PAYLOAD', message: tooFar }
  if (at <= now - graceMs) return { error: 'INVALID_PAYLOAD', message: 'That time has passed' }
  return null
}
