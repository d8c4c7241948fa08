import { dayLabel } from './day-breaks'

const TIME = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' })

/** "last seen 5 minutes ago", "… today at 09:12", "… yesterday at 18:40", "… on Monday, 30 November at 17:02". */
export function lastSeenLabel(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000)
  if (minutes < 1) return 'last seen just now'
  if (minutes < 60) return `last seen ${minutes} minute${minutes === 1 ? '' : 's'} ago`
  const day = dayLabel(at, now)
  const when = day === 'Today' || day === 'Yesterday' ? day.toLowerCase() : `on ${day}`
  return `last seen ${when} at ${TIME.format(at)}`
}
