import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { Message } from '../../../protocol'
import { useConnectionStore } from './connection'
import { useRoomsStore } from './rooms'

/**
 * Each room's pinned messages, latest pinned first: asked for when the room
 * first opens and on every join and rejoin, then kept up to date by every
 * change the messages store takes (a pin, an unpin, an edit, a deletion),
 * live or caught up.
 */
export const usePinsStore = defineStore('pins', () => {
  const connection = useConnectionStore()
  const rooms = useRoomsStore()
  /** Room id → its pinned messages; absent until asked for. */
  const byRoom = ref<Record<string, Message[]>>({})

  async function load(roomId: string): Promise<void> {
    if (!roomId) return
    const result = await connection.request('message:pins', { roomId })
    if ('data' in result) byRoom.value[roomId] = result.data
  }

  /** A message as it is now: in its room's pins, or out of them. */
  function apply(message: Message): void {
    const list = byRoom.value[message.roomId]
    if (!list) return
    // An older state arriving after a newer one (an ack overtaken by a live change) changes nothing.
    const held = list.find((pinned) => pinned.id === message.id)
    if (held && (held.rev ?? 0) > (message.rev ?? 0)) return
    const rest = list.filter((pinned) => pinned.id !== message.id)
    byRoom.value[message.roomId] = message.pinned
      ? [message, ...rest].sort((a, b) => b.pinned!.at - a.pinned!.at || b.id - a.id)
      : rest
  }

  function reset(): void {
    byRoom.value = {}
  }

  /** On every join and rejoin: what changed while away is in the next answer; other rooms ask again when opened. */
  function reload(): void {
    byRoom.value = {}
    void load(rooms.activeRoomId)
  }

  // A room's list, once loaded, is kept up to date by `apply` until the next join.
  watch(
    () => rooms.activeRoomId,
    (roomId) => {
      if (!byRoom.value[roomId]) void load(roomId)
    },
  )

  return { byRoom, load, reload, apply, reset }
})
