import { ref, type Ref } from 'vue'
import type { AckResult } from '../../../protocol'
import { unsentChoices } from './unsent-choices'

/** A set of rooms this person marks (favourites, closed DMs), kept by the server for their name. */
export interface KeptRoomIds {
  /** Room ids, in the order they were marked. */
  ids: Ref<string[]>
  has(roomId: string): boolean
  /** Marks a room, or (false) unmarks it: here at once, on the person's other devices once the server has it. */
  set(roomId: string, on: boolean): void
  /** A change the server told of (another device's): shown, not sent back. */
  apply(roomId: string, on: boolean): void
  /** On every join: what the server keeps, under what it has not taken yet. */
  restore(kept?: readonly string[]): void
  /** Sends again what the server has not taken yet, as a dropped connection recovers. */
  resend(): void
  reset(): void
}

/**
 * One marked while the server is out of reach shows at once and is handed
 * over with the next join, or as the dropped connection recovers
 * (`unsentChoices`).
 */
export function keptRoomIds(request: (roomId: string, on: boolean) => Promise<AckResult<unknown>>): KeptRoomIds {
  const ids = ref<string[]>([])
  const unsent = unsentChoices<boolean>(request)

  function apply(roomId: string, on: boolean): void {
    const others = ids.value.filter((id) => id !== roomId)
    ids.value = on ? [...others, roomId] : others
  }

  function has(roomId: string): boolean {
    return ids.value.includes(roomId)
  }

  return {
    ids,
    has,
    apply,
    set(roomId, on) {
      if (has(roomId) === on) return
      apply(roomId, on)
      void unsent.send(roomId, on)
    },
    restore(kept = []) {
      ids.value = [...kept]
      for (const [roomId, on] of unsent.waiting()) {
        apply(roomId, on)
        void unsent.send(roomId, on)
      }
    },
    resend: () => unsent.resend(),
    reset() {
      ids.value = []
      unsent.clear()
    },
  }
}
