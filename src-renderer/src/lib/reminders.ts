import { shortTime, timeAhead, type Ahead } from './time-ahead'

/** When a saved message's reminder may be set for, as offered in the saved list. */
export const REMINDER_CHOICES = ['20m', '1h', '3h', 'tomorrow'] as const
export type ReminderChoice = (typeof REMINDER_CHOICES)[number]

export const REMINDER_LABELS: Record<ReminderChoice, string> = {
  '20m': 'In 20 minutes',
  '1h': 'In an hour',
  '3h': 'In 3 hours',
  tomorrow: 'Tomorrow at 9:00',
}

const REMINDERS: Record<ReminderChoice, Ahead> = {
  '20m': { minutes: 20 },
  '1h': { minutes: 60 },
  '3h': { minutes: 180 },
  tomorrow: { tomorrowAt: 9 },
}

/** When a reminder chosen at `now` comes due (ms since the epoch). */
export function reminderTime(choice: ReminderChoice, now: number): number {
  return timeAhead(REMINDERS[choice], now)
}

/** What the saved list says of a reminder: "⏰ 15:30", "⏰ Tue 9:00", or "⏰ Now" once it is due. */
export function describeReminder(at: number, now: number): string {
  return `⏰ ${at <= now ? 'Now' : shortTime(at, now)}`
}
