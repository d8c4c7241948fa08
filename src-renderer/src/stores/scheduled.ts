import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AckError, ScheduledMessage } from '../../../protocol'
import { useConnectionStore } from './connection'

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
    items.value = list
  })

  return {
    items,
    failed,
    inRoom: (roomId: string) => counts.value.get(roomId) ?? 0,
    load,
    schedule,
    edit,
    sendNow,
    cancel,
    reset,
  }
})
