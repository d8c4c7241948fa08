import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AckError, ScheduledMessage } from '../../../protocol'
import { playChime } from '../platform/chime'
import { scheduledFailureNotification } from '../lib/notification-policy'
import { showNotification } from '../platform/notify'
import { useConnectionStore } from './connection'
import { useMessagesStore } from './messages'
import { usePreferencesStore } from './preferences'
import { usePresenceStore } from './presence'
import { useRoomsStore } from './rooms'

/**
 * Messages this person wrote to go out later, across rooms, the soonest
 * first. The server keeps and sends them, so they go while every device is
 * off; each change comes back to all the person's devices as the whole list.
 */
export const useScheduledStore = defineStore('scheduled', () => {
  const connection = useConnectionStore()
  const items = ref<ScheduledMessage[]>([])
  /** How many wait in each room. */
  const counts = computed(() => {
    const byRoom = new Map<string, number>()
    for (const { roomId } of items.value) byRoom.set(roomId, (byRoom.get(roomId) ?? 0) + 1)
    return byRoom
  })

  /** How many could not go at their time, and wait for a new one. */
  const failed = computed(() => items.value.filter((item) => item.failed !== undefined).length)
  /** How many of those were meant for each room. */
  const failedCounts = computed(() => {
    const byRoom = new Map<string, number>()
    for (const { roomId, failed } of items.value) {
      if (failed !== undefined) byRoom.set(roomId, (byRoom.get(roomId) ?? 0) + 1)
    }
    return byRoom
  })

  /**
   * Says so when one this device knew as waiting could not go: nothing else
   * tells its writer a message never went. One failed already when this
   * device first heard of it (it was off then) is marked in the list only.
   */
  function announceFailures(before: readonly ScheduledMessage[], after: readonly ScheduledMessage[]): void {
    const preferences = usePreferencesStore()
    for (const item of after) {
      const was = before.find((known) => known.id === item.id)
      if (!was || item.failed === undefined || was.failed === item.failed || preferences.paused()) continue
      const room = useRoomsStore().rooms.find((candidate) => candidate.id === item.roomId)
      const notification = scheduledFailureNotification(item, room, usePresenceStore().self)
      showNotification(notification, (target) => void useMessagesStore().openMessage(target))
      if (preferences.sound) playChime()
    }
  }

  async function load(): Promise<void> {
    const result = await connection.request('scheduled:list', {})
    if ('data' in result) items.value = result.data
  }

  /** The list as it is now; the event may come before or after an ack that changed it, so an ack changes it too. */
  function take(entry: ScheduledMessage): void {
    const rest = items.value.filter((item) => item.id !== entry.id)
    items.value = [...rest, entry].sort((a, b) => a.at - b.at || a.id - b.id)
  }

  function drop(id: number): void {
    items.value = items.value.filter((item) => item.id !== id)
  }

  async function schedule(
    roomId: string,
    text: string,
    at: number,
    replyTo?: number,
  ): Promise<ScheduledMessage | AckError> {
    const result = await connection.request('message:schedule', {
      roomId,
      text,
      at,
      ...(replyTo !== undefined && { replyTo }),
    })
    if ('error' in result) return result
    take(result.data)
    return result.data
  }

  async function edit(id: number, change: { text?: string; at?: number }): Promise<AckError | null> {
    const result = await connection.request('scheduled:edit', { id, ...change })
    if ('error' in result) return result
    take(result.data)
    return null
  }

  async function sendNow(id: number): Promise<AckError | null> {
    const result = await connection.request('scheduled:send', { id })
    if ('error' in result) return result
    drop(id)
    return null
  }

  async function cancel(id: number): Promise<AckError | null> {
    const result = await connection.request('scheduled:cancel', { id })
    if ('error' in result) return result
    drop(id)
    return null
  }

  function reset(): void {
    items.value = []
  }

  connection.on('scheduled:changed', (list) => {
    announceFailures(items.value, list)
    items.value = list
  })

  return {
    items,
    failed,
    inRoom: (roomId: string) => counts.value.get(roomId) ?? 0,
    failedIn: (roomId: string) => failedCounts.value.get(roomId) ?? 0,
    load,
    schedule,
    edit,
    sendNow,
    cancel,
    reset,
  }
})
