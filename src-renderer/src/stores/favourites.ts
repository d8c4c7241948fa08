import { defineStore } from 'pinia'
import { ref } from 'vue'
import { unsentChoices } from '../lib/unsent-choices'
import { useConnectionStore } from './connection'

/**
 * The rooms and DMs this person lists first in the sidebar, kept by the
 * server for their name so they are first on every device. One marked while
 * the server is out of reach shows at once and is handed over with the next
 * join, or as the dropped connection recovers.
 */
export const useFavouritesStore = defineStore('favourites', () => {
  const connection = useConnectionStore()
  /** Room ids, in the order they were marked. */
  const ids = ref<string[]>([])
  const unsent = unsentChoices<boolean>((roomId, favourite) =>
    connection.request('room:favourite', { roomId, favourite }),
  )

  function apply(roomId: string, favourite: boolean): void {
    const others = ids.value.filter((id) => id !== roomId)
    ids.value = favourite ? [...others, roomId] : others
  }

  function has(roomId: string): boolean {
    return ids.value.includes(roomId)
  }

  /** Marks a room as a favourite, or (false) takes it off: here at once, on the person's other devices once the server has it. */
  function set(roomId: string, favourite: boolean): void {
    if (has(roomId) === favourite) return
    apply(roomId, favourite)
    void unsent.send(roomId, favourite)
  }

  /** On every join: what the server keeps (none from a server before protocol 4), under what it has not taken yet. */
  function restore(kept: readonly string[] = []): void {
    ids.value = [...kept]
    for (const [roomId, favourite] of unsent.waiting()) {
      apply(roomId, favourite)
      void unsent.send(roomId, favourite)
    }
  }

  function reset(): void {
    ids.value = []
    unsent.clear()
  }

  // Marked on another of this person's devices.
  connection.on('room:favourite', ({ roomId, favourite }) => apply(roomId, favourite))
  connection.onConnect(({ recovered }) => {
    if (recovered) unsent.resend()
  })

  return { ids, has, set, restore, reset }
})
