import { sameName } from '../../../protocol'

/** How long after a person's message their next one still reads as part of it, shown without their name again. */
export const GROUP_WINDOW_MS = 5 * 60_000

/** Local midnight of the day `ts` falls on. */
export function startOfDay(ts: number): number {
  const day = new Date(ts)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

/** "Today", "Yesterday", or the date: the weekday with it, the year only when it is not this one. */
export function dayLabel(ts: number, now: number): string {
  const day = startOfDay(ts)
  const today = new Date(startOfDay(now))
  if (day === today.getTime()) return 'Today'
  // Date arithmetic, not 24 h: a day around a clock change is 23 or 25 hours long.
  today.setDate(today.getDate() - 1)
  if (day === today.getTime()) return 'Yesterday'
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear()
  return new Date(ts).toLocaleDateString([], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  })
}

/** A message's row key: its clientId while it may still be pending, else its id. */
export function messageRowKey(message: { id: number; clientId: string | null }): string {
  return `message:${message.clientId ?? message.id}`
}

export type TimelineRow<M> =
  { kind: 'day'; key: string; label: string } | { kind: 'message'; key: string; message: M; continued: boolean }

interface RowMessage {
  ts: number
  id: number
  clientId: string | null
  author: string
  replyTo?: unknown
}

/**
 * Whether `message` goes on from `previous` without its author's name again:
 * the same person, within a few minutes, and not a reply (its quote starts
 * something new).
 */
export function continues(previous: RowMessage | undefined, message: RowMessage): boolean {
  if (!previous || message.replyTo !== undefined || !sameName(previous.author, message.author)) return false
  const gap = message.ts - previous.ts
  return gap >= 0 && gap <= GROUP_WINDOW_MS
}

/**
 * A room's messages (oldest first) with a day line before the first message
 * of each day, so a time of day is never read against the wrong date, and
 * each message marked when it continues the one before (never across a day line).
 */
export function withDayBreaks<M extends RowMessage>(messages: readonly M[], now: number): Array<TimelineRow<M>> {
  const rows: Array<TimelineRow<M>> = []
  let current: number | null = null
  let previous: M | undefined
  for (const message of messages) {
    const day = startOfDay(message.ts)
    if (day !== current) {
      current = day
      previous = undefined
      rows.push({ kind: 'day', key: `day:${day}`, label: dayLabel(message.ts, now) })
    }
    rows.push({ kind: 'message', key: messageRowKey(message), message, continued: continues(previous, message) })
    previous = message
  }
  return rows
}
