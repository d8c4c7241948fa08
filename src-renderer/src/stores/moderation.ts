import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AckError, Removal, RemovalMinutes, RemovedRoom } from '../../../protocol'
import { useConnectionStore } from './connection'

/**
 * What a moderator does to people rather than messages: removing someone
 * from the server for a while, and letting them back in; and bringing back a
 * room removed. Who is kept out and which rooms are removed are fetched on a
 * moderator's join, then kept live from every moderator's changes.
 */
export const useModerationStore = defineStore('moderation', () => {
  const connection = useConnectionStore()
  /** Everyone kept out now, the soonest back first. */
  const removals = ref<Removal[]>([])
  /** Public rooms removed, the latest first. */
  const removedRooms = ref<RemovedRoom[]>([])

  async function load(): Promise<void> {
    const [people, rooms] = await Promise.all([
      connection.request('moderation:removals', {}),
      connection.request('moderation:removed-rooms', {}),
    ])
    if ('data' in people) removals.value = people.data
    if ('data' in rooms) removedRooms.value = rooms.data
  }

  /** Removes someone online for `minutes`; what went wrong, if anything. */
  async function remove(name: string, minutes: RemovalMinutes): Promise<AckError | null> {
    const result = await connection.request('moderation:remove', { name, minutes })
    return 'data' in result ? null : result
  }

  /** Lets someone removed back in at once; what went wrong, if anything. */
  async function lift(name: string): Promise<AckError | null> {
    const result = await connection.request('moderation:lift', { name })
    if (!('data' in result)) return result
    removals.value = result.data
    return null
  }

  /** Brings a removed room back for everyone, with whoever was in it; what went wrong, if anything. */
  async function restoreRoom(roomId: string): Promise<AckError | null> {
    const result = await connection.request('room:restore', { roomId })
    if (!('data' in result)) return result
    removedRooms.value = removedRooms.value.filter((room) => room.id !== roomId)
    return null
  }

  function reset(): void {
    removals.value = []
    removedRooms.value = []
  }

  connection.on('moderation:removals', (list) => {
    removals.value = list
  })
  connection.on('moderation:removed-rooms', (list) => {
    removedRooms.value = list
  })

  return { removals, removedRooms, load, remove, lift, restoreRoom, reset }
})
