import type { Db } from './database'

export interface GroupCommit<I, O> {
  /** Queues one write; resolves once the transaction holding it has committed. */
  submit(input: I): Promise<O>
  /** Commits whatever is queued now (before closing the database). */
  flush(): void
}

interface Pending<I, O> {
  input: I
  resolve: (output: O) => void
  reject: (error: unknown) => void
  output?: O
  error?: unknown
}

/**
 * Group commit: the writes submitted before control returns to the event loop
 * (many awaiting writers, several sends in one long-polling payload) run in
 * one transaction; a commit costs far more than an insert. Batches end at the
 * microtask queue, so no other event runs between a send's commit and its
 * broadcast (batches that waited for the next turn lost messages in the chaos
 * test once). Every promise still means "committed": a write that fails
 * rejects alone (SQLite undoes only that statement), a commit that fails
 * rejects the whole batch.
 */
export function groupCommit<I, O>(db: Db, write: (input: I) => O, afterCommit?: () => void): GroupCommit<I, O> {
  let queue: Array<Pending<I, O>> = []
  let scheduled = false
  const commit = db.transaction((batch: Array<Pending<I, O>>) => {
    for (const pending of batch) {
      try {
        pending.output = write(pending.input)
      } catch (error) {
        pending.error = error ?? new Error('write failed')
      }
    }
  })

  function flush(): void {
    scheduled = false
    const batch = queue
    queue = []
    if (batch.length === 0) return
    try {
      commit(batch)
    } catch (error) {
      for (const pending of batch) pending.reject(error)
      return
    }
    afterCommit?.()
    for (const pending of batch) {
      if (pending.error !== undefined) pending.reject(pending.error)
      else pending.resolve(pending.output as O)
    }
  }

  return {
    submit: (input) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject })
        if (!scheduled) {
          scheduled = true
          queueMicrotask(flush)
        }
      }),
    flush,
  }
}
