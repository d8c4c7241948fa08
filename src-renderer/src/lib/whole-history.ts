import type { AckError, HistoryPage, Message } from '../../../protocol'

/** One page of a room's history after a message id (0: from the start), as the server answers it. */
export type PageAfter = (after: number) => Promise<{ data: HistoryPage } | AckError>

/**
 * Every message of a room, oldest first, read a page at a time, each after
 * the last; `progress` hears how many so far. A rate limit is waited out, as
 * the server asks; any other refusal ends it.
 */
export async function wholeHistory(page: PageAfter, progress: (count: number) => void): Promise<Message[] | AckError> {
  const messages: Message[] = []
  let after = 0
  for (;;) {
    const result = await page(after)
    if ('error' in result) {
      if (result.error !== 'RATE_LIMITED') return result
      await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs ?? 250))
      continue
    }
    messages.push(...result.data.messages)
    progress(messages.length)
    const last = result.data.messages.at(-1)
    if (!result.data.hasMore || !last) return messages
    after = last.id
  }
}
