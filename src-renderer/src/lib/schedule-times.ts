import { shortTime, timeAhead, type Ahead } from './time-ahead'

/** When a message may be scheduled for, as offered beside Send; any other time is typed in. */
export const SCHEDULE_CHOICES = ['30m', '1h', '3h', 'tomorrow'] as const
export type ScheduleChoice = (typeof SCHEDULE_CHOICES)[number]

export const SCHEDULE_LABELS: Record<ScheduleChoice, string> = {
  '30m': 'In 30 minutes',
  '1h': 'In an hour',
  '3h': 'In 3 hours',
  tomorrow: 'Tomorrow at 9:00',
}

const AHEAD: Record<ScheduleChoice, Ahead> = {
  '30m': { minutes: 30 },
  '1h': { minutes: 60 },
  '3h': { minutes: 180 },
  tomorrow: { tomorrowAt: 9 },
}

/** When a message scheduled at `now` with `choice` goes out (ms since the epoch). */
export function scheduleTime(choice: ScheduleChoice, now: number): number {
  return timeAhead(AHEAD[choice], now)
}

/**
 * A time typed in a `datetime-local` field ("2026-12-08T15:30", local time),
 * or why it cannot be used: empty, not a time, or already past.
 */
export function typedTime(value: string, now: number): number | { problem: string } {
  if (value === '') return { problem: 'Pick a day and a time' }
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!match) return { problem: 'That is not a time' }
  const [year, month, day, hours, minutes] = match.slice(1).map(Number) as [number, number, number, number, number]
  const at = new Date(year, month - 1, day, hours, minutes).getTime()
  if (at <= now) return { problem: 'That time has passed' }
  return at
}

/** The value a `datetime-local` field shows for `at`, local time, to the minute. */
export function fieldTime(at: number): string {
  const date = new Date(at)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`
}

/** What a scheduled message's time reads as: "⏱ 15:30", "⏱ Tue 9:00", or a date further off. */
export function describeScheduled(at: number, now: number): string {
  return `⏱ ${shortTime(at, now)}`
}
