import { shortTime, timeAhead, type Ahead } from './time-ahead'

/** How long notifications may be paused for, as offered at the foot of the sidebar. */
export const PAUSE_CHOICES = ['30m', '1h', '2h', 'tomorrow'] as const
export type PauseChoice = (typeof PAUSE_CHOICES)[number]

export const PAUSE_LABELS: Record<PauseChoice, string> = {
  '30m': 'for 30 minutes',
  '1h': 'for an hour',
  '2h': 'for two hours',
  tomorrow: 'until tomorrow, 8:00',
}

const PAUSES: Record<PauseChoice, Ahead> = {
  '30m': { minutes: 30 },
  '1h': { minutes: 60 },
  '2h': { minutes: 120 },
  tomorrow: { tomorrowAt: 8 },
}

/** When a pause chosen at `now` ends (ms since the epoch): "tomorrow" is the next day at 8:00, local time. */
export function pauseEnd(choice: PauseChoice, now: number): number {
  return timeAhead(PAUSES[choice], now)
}

/** "Paused until 15:30" today; with the day's name when it ends another day. */
export function describePause(until: number, now: number): string {
  return `Paused until ${shortTime(until, now)}`
}
