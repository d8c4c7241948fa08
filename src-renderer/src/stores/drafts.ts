import { defineStore } from 'pinia'
import { ref } from 'vue'
import { loadDrafts, saveDrafts, type Drafts } from '../platform/drafts'

/**
 * What was typed in each room's composer and not sent: it waits there while
 * another room is open, and comes back after a reload or a restart of the app.
 */
export const useDraftsStore = defineStore('drafts', () => {
  const texts = ref<Drafts>({})
  /** The server and name these drafts belong to; none before a join. */
  let key = ''

  function restore(serverAndName: string): void {
    if (serverAndName === key) return
    key = serverAndName
    texts.value = loadDrafts(key)
  }

  function get(roomId: string): string {
    return texts.value[roomId] ?? ''
  }

  /** Keeps a room's draft; an empty one (sent, or erased) is forgotten. */
  function set(roomId: string, text: string): void {
    if (get(roomId) === text) return
    if (text.trim() === '') delete texts.value[roomId]
    else texts.value[roomId] = text
    if (key) saveDrafts(key, texts.value)
  }

  /** Every room's draft, by room id. */
  function all(): Array<[roomId: string, text: string]> {
    return Object.entries(texts.value)
  }

  /** On leaving: the drafts stay stored for the next join under this name. */
  function reset(): void {
    key = ''
    texts.value = {}
  }

  return { restore, get, set, all, reset }
})
