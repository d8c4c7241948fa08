/** A time offered in a short list: some minutes from now, or the next day at an hour. */
export type Ahead = { minutes: number } | { tomorrowAt: number }

const MINUTE = 60_000

/**
 * When `ahead` falls, chosen at `now` (ms since the epoch). "Tomorrow" is the
 * next calendar day, local time, even just after midnight: the person means
 * after they have slept.
 */
export function timeAhead(ahead: Ahead, now: number): number {
  if ('minutes' in ahead) return now + ahead.minutes * MINUTE
  const next = new Date(now)
  next.setDate(next.getDate() + 1)
  next.setHours(ahead.tomorrowAt, 0, 0, 0)
  return next.getTime()
}

const TIME = new Intl.DateTimeFormat([], { timeStyle: 'short' })
const DAY_AND_TIME = new Intl.DateTimeFormat([], { weekday: 'short', hour: 'numeric', minute: '2-digit' })
const DATE_AND_TIME = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeStyle: 'short' })
const DAY = 24 * 60 * MINUTE

/** "15:30" on the day of `now`; "Tue 9:00" within six days, where a day's name is not ambiguous; the date beyond. */
export function shortTime(at: number, now: number): string {
  if (new Date(at).toDateString() === new Date(now).toDateString()) return TIME.format(at)
  return (Math.abs(at - now) < 6 * DAY ? DAY_AND_TIME : DATE_AND_TIME).format(at)
}

/** "until 15:30", or with the day's name when that is another day: how a time something lasts to reads. */
export function describeUntil(at: number, now: number): string {
  return `until ${shortTime(at, now)}`
}
