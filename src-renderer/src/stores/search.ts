import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { LIMITS, splitSearch, type Message } from '../../../protocol'
import { issueMessage, searchRequestSchema } from '../../../protocol/schemas'
import { useConnectionStore } from './connection'

/** A search over the messages this person can read: the query, the results shown so far, and more on request. */
export const useSearchStore = defineStore('search', () => {
  const connection = useConnectionStore()
  /** What the shown results are for, as typed (`from:name`, `has:file` and days included). */
  const query = ref('')
  /** The search box read as a search: its words (what results mark), whose messages, with files or not, and when. */
  const parts = computed(() => splitSearch(query.value))
  const roomId = ref<string | undefined>(undefined)
  const results = ref<Message[]>([])
  const hasMore = ref(false)
  const loading = ref(false)
  const error = ref('')
  /** Bumped by each new search, so an answer to an older one is dropped. */
  let generation = 0

  async function fetch(before?: number): Promise<void> {
    const asked = generation
    loading.value = true
    const { words, from, hasFile, since, until } = parts.value
    const result = await connection.request('message:search', {
      query: words,
      ...(from !== undefined && { from }),
      ...(hasFile && { hasFile }),
      ...(since !== undefined && { since }),
      ...(until !== undefined && { until }),
      roomId: roomId.value,
      before,
      limit: LIMITS.searchPageDefault,
    })
    if (asked !== generation) return
    // Searching as one types can outrun the server's limit: wait as it says, then ask again.
    if ('error' in result && result.error === 'RATE_LIMITED') {
      await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs ?? 250))
      if (asked === generation) await fetch(before)
      return
    }
    loading.value = false
    if ('error' in result) {
      error.value = result.message
      return
    }
    results.value = before === undefined ? result.data.messages : [...results.value, ...result.data.messages]
    hasMore.value = result.data.hasMore
  }

  /** Searches every readable room, or only `inRoom`; an empty query clears the results. */
  async function search(text: string, inRoom?: string): Promise<void> {
    generation++
    query.value = text
    roomId.value = inRoom
    results.value = []
    hasMore.value = false
    error.value = ''
    loading.value = false
    if (text.trim() === '') return
    const { words, from, hasFile, since, until, problem } = parts.value
    if (problem !== undefined) {
      error.value = problem
      return
    }
    const checked = searchRequestSchema.safeParse({ query: words, from, hasFile, since, until })
    if (!checked.success) {
      error.value = issueMessage(checked.error)
      return
    }
    await fetch()
  }

  /** The next page of older results. */
  async function more(): Promise<void> {
    const last = results.value.at(-1)
    if (!last || !hasMore.value || loading.value) return
    await fetch(last.id)
  }

  /** Applies an edit or deletion to a result shown, as the room's timeline does. */
  function applyChange(message: Message): void {
    const index = results.value.findIndex((result) => result.id === message.id)
    if (index === -1) return
    if (message.deletedAt !== undefined) results.value.splice(index, 1)
    else results.value[index] = message
  }

  function reset(): void {
    void search('')
  }

  connection.on('message:updated', applyChange)
  connection.on('message:batch', (messages) => messages.forEach(applyChange))

  return { query, parts, roomId, results, hasMore, loading, error, search, more, reset }
})
