import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AckError, Removal, RemovalMinutes } from '../../../protocol'
import { useConnectionStore } from './connection'

/**
 * What a moderator does to people rather than messages: removing someone
 * from the server for a while, and letting them back in. Who is kept out is
 * fetched on a moderator's join, then kept live from every moderator's changes.
 */
export const useModerationStore = defineStore('moderation', () => {
  const connection = useConnectionStore()
  /** Everyone kept out now, the soonest back first. */
  const removals = ref<Removal[]>([])

  async function load(): Promise<void> {
    const result = await connection.request('moderation:removals', {})
    if ('data' in result) removals.value = result.data
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

  function reset(): void {
    removals.value = []
  }

  connection.on('moderation:removals', (list) => {
    removals.value = list
  })

  return { removals, load, remove, lift, reset }
})
