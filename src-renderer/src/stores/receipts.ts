import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AckError } from '../../../protocol'
import { useConnectionStore } from './connection'

/**
 * Read receipts in DMs: how far the other person has read each one, so one's
 * own message can say "Seen", and whether this person shares theirs (both
 * ways: who does not share sees none). Fetched on every join (marks moved
 * while this device was away), then kept live.
 */
export const useReceiptsStore = defineStore('receipts', () => {
  const connection = useConnectionStore()
  /** DM id → the newest message the other person has read there. */
  const seenUpTo = ref<Record<string, number>>({})
  const sharing = ref(true)

  function note(roomId: string, upTo: number): void {
    // A mark only moves forward; an answer overtaken by a live receipt must not take it back.
    if (upTo > (seenUpTo.value[roomId] ?? 0)) seenUpTo.value[roomId] = upTo
  }

  async function load(): Promise<void> {
    const result = await connection.request('receipts:get', {})
    if (!('data' in result)) return
    sharing.value = result.data.share
    for (const { roomId, upTo } of result.data.marks) note(roomId, upTo)
  }

  /** Starts or stops sharing receipts, on every device; what went wrong, if anything. */
  async function share(on: boolean): Promise<AckError | null> {
    const result = await connection.request('receipts:share', { share: on })
    if (!('data' in result)) return result
    sharing.value = on
    if (on) await load()
    else seenUpTo.value = {}
    return null
  }

  function reset(): void {
    seenUpTo.value = {}
    sharing.value = true
  }

  connection.on('receipts:seen', ({ roomId, upTo }) => note(roomId, upTo))
  connection.on('receipts:withheld', ({ roomId }) => {
    delete seenUpTo.value[roomId]
  })
  connection.on('receipts:shared', ({ share: on }) => {
    sharing.value = on
    if (on) void load()
    else seenUpTo.value = {}
  })

  return { seenUpTo, sharing, load, share, reset }
})
