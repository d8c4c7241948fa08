import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AckError, Message, SavedChange, SavedMessage } from '../../../protocol'
import { useConnectionStore } from './connection'

/**
 * The messages this person saved for later, across rooms, the latest saved
 * first: asked for on every join, then kept up to date by what they save or
 * let go here and on their other devices, and by edits and deletions.
 */
export const useSavedStore = defineStore('saved', () => {
  const connection = useConnectionStore()
  const items = ref<SavedMessage[]>([])
  const ids = computed(() => new Set(items.value.map(({ message }) => message.id)))

  async function load(): Promise<void> {
    const result = await connection.request('message:saved', {})
    if ('data' in result) items.value = result.data
  }

  function take({ message, savedAt }: SavedChange): void {
    const rest = items.value.filter((item) => item.message.id !== message.id)
    items.value =
      savedAt === null
        ? rest
        : [{ message, savedAt }, ...rest].sort((a, b) => b.savedAt - a.savedAt || b.message.id - a.message.id)
  }

  async function setSaved(message: Message, saved: boolean): Promise<AckError | null> {
    const result = await connection.request('message:save', { id: message.id, saved })
    if ('error' in result) return result
    take(result.data)
    return null
  }

  /** A message as it is now: an edit shows in the list; a deletion takes it out, as the server does. */
  function apply(message: Message): void {
    const index = items.value.findIndex((item) => item.message.id === message.id)
    const held = items.value[index]
    if (!held || (held.message.rev ?? 0) > (message.rev ?? 0)) return
    if (message.deletedAt !== undefined) items.value.splice(index, 1)
    else items.value[index] = { ...held, message }
  }

  function reset(): void {
    items.value = []
  }

  connection.on('saved:changed', take)

  return { items, isSaved: (id: number) => ids.value.has(id), load, setSaved, apply, reset }
})
