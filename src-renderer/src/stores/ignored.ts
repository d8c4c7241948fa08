import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { nameKey, type AckError } from '../../../protocol'
import { useConnectionStore } from './connection'

/**
 * The people this person ignores: their messages fold away, and neither
 * count as unread nor notify. Kept by the server for the name, so every
 * device follows; the people ignored are not told.
 */
export const useIgnoredStore = defineStore('ignored', () => {
  const connection = useConnectionStore()
  const names = ref<string[]>([])
  const keys = computed(() => new Set(names.value.map(nameKey)))

  function restore(list: string[] | undefined): void {
    names.value = list ?? []
  }

  /** Ignores `name`, or no longer; the list as the server keeps it, or why not. */
  async function set(name: string, ignored: boolean): Promise<AckError | null> {
    const result = await connection.request('person:ignore', { name, ignored })
    if ('error' in result) return result
    names.value = result.data
    return null
  }

  function reset(): void {
    names.value = []
  }

  connection.on('person:ignored', (list) => {
    names.value = list
  })

  return { names, has: (name: string) => keys.value.has(nameKey(name)), restore, set, reset }
})
