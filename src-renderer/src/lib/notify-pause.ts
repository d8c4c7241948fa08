/** How long notifications may be paused for, as offered at the foot of the sidebar. */
export const PAUSE_CHOICES = ['30m', '1h', '2h', 'tomorrow'] as const
export type PauseChoice = (typeof PAUSE_CHOICES)[number]

export const PAUSE_LABELS: Record<PauseChoice, string> = {
  '30m': 'for 30 minutes',
  '1h': 'for an hour',
  '2h': 'for two hours',
  tomorrow: 'until tomorrow, 8:00',
}

const MINUTE = 60_000

/** When a pause chosen at `now` ends (ms since the epoch): "tomorrow" is the next day at 8:00, local time. */
export function pauseEnd(choice: PauseChoice, now: number): number {
  if (choice !== 'tomorrow') return now + { '30m': 30, '1h': 60, '2h': 120 }[choice] * MINUTE
  const morning = new Date(now)
  morning.setDate(morning.getDate() + 1)
  morning.setHours(8, 0, 0, 0)
  return morning.getTime()
}

const TIME = new Intl.DateTimeFormat([], { timeStyle: 'short' })
const DAY_AND_TIME = new Intl.DateTimeFormat([], { weekday: 'short', hour: 'numeric', minute: '2-digit' })

/** "Paused until 15:30" today; with the day's name when it ends another day. */
export function describePause(until: number, now: number): string {
  const sameDay = new Date(until).toDateString() === new Date(now).toDateString()
  return `Paused until ${(sameDay ? TIME : DAY_AND_TIME).format(until)}`
}
