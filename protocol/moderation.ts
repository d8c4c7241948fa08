/**
 * Removing someone from a server: what a moderator may do besides deleting
 * messages. A removal ends every connection of the person's and keeps them
 * out for a while, by name, by device and (beyond this computer) by address.
 * The server keeps removals in its database, so a restart lets nobody back
 * in early. Moderators may also make a public room one where only they post.
 */

import type { Room } from './models'

/** Whether someone may post (a message, a file) in a room they are in: anyone, but only moderators where a moderator said so. */
export function mayPost(room: Room, moderator: boolean): boolean {
  return room.onlyModeratorsPost !== true || moderator
}

/** How long a removal lasts, in minutes: the choices the app offers. */
export const REMOVAL_MINUTES = [15, 60, 24 * 60] as const

export type RemovalMinutes = (typeof REMOVAL_MINUTES)[number]

export interface RemoveRequest {
  name: string
  minutes: RemovalMinutes
}

/** Someone kept out of the server. */
export interface Removal {
  /** As they spelled their name when removed. */
  name: string
  /** The moderator who removed them. */
  by: string
  /** When they may join again (ms since the epoch, server clock). */
  until: number
}

/** A public room a moderator removed: kept with its messages, so a moderator may bring it back. */
export interface RemovedRoom {
  id: string
  name: string
  /** When it was removed (ms since the epoch, server clock). */
  removedAt: number
  /** The moderator who removed it; unknown for rooms removed before the server kept it. */
  by?: string
}

/** "15 minutes", "1 hour", "1 day": a removal's length in words. */
export function describeRemovalMinutes(minutes: RemovalMinutes): string {
  if (minutes === 24 * 60) return '1 day'
  if (minutes === 60) return '1 hour'
  return `${minutes} minutes`
}

/** What a removed person reads: who removed them, and when they may come back. */
export function removalNotice(removal: Removal, now: number): string {
  const minutes = Math.max(1, Math.ceil((removal.until - now) / 60_000))
  const left = minutes >= 120 ? `${Math.round(minutes / 60)} hours` : minutes === 1 ? '1 minute' : `${minutes} minutes`
  return `A moderator (${removal.by}) removed you from this server. You can join again in ${left}.`
}

/** Slow mode's choices, in seconds between one person's messages in a room; 0 is off. */
export const SLOW_MODE_SECONDS = [0, 10, 30, 60, 300] as const

export type SlowModeSeconds = (typeof SLOW_MODE_SECONDS)[number]

/** "10 seconds", "1 minute", "5 minutes": slow mode's interval in words. */
export function describeSlowMode(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`
  return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`
}
