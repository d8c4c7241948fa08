import type { Member } from '../../../protocol'
import { describeUntil, timeAhead, type Ahead } from './time-ahead'

/** When a status may clear itself, as offered beside it ('' keeps it until cleared by hand). */
export const STATUS_CLEAR_CHOICES = ['', '30m', '1h', '4h', 'today'] as const
export type StatusClearChoice = (typeof STATUS_CLEAR_CHOICES)[number]

export const STATUS_CLEAR_LABELS: Record<StatusClearChoice, string> = {
  '': 'Don’t clear',
  '30m': 'Clear in 30 minutes',
  '1h': 'Clear in an hour',
  '4h': 'Clear in 4 hours',
  today: 'Clear at midnight',
}

const AHEAD: Record<Exclude<StatusClearChoice, ''>, Ahead> = {
  '30m': { minutes: 30 },
  '1h': { minutes: 60 },
  '4h': { minutes: 240 },
  // The start of tomorrow is the end of today.
  today: { tomorrowAt: 0 },
}

/** When a status set at `now` with `choice` clears itself; undefined for never. */
export function statusClearTime(choice: StatusClearChoice, now: number): number | undefined {
  return choice === '' ? undefined : timeAhead(AHEAD[choice], now)
}

/** A status as its hover reads: the text, and until when if it clears itself. */
export function statusTitle({ status = '', statusUntil }: Pick<Member, 'status' | 'statusUntil'>, now: number): string {
  return statusUntil === undefined ? status : `${status} (${describeUntil(statusUntil, now)})`
}
