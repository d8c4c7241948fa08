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
 * Group commit: the writes submitted during one turn of the event loop run in
 * one transaction, committed after the turn's I/O callbacks. A commit costs
 * far more than an insert, so under load this multiplies the writes a second,
 * while a lone write waits one `setImmediate` at most. Every promise still
 * means "committed": a write that fails rejects alone (SQLite undoes only that
 * statement), a commit that fails rejects the whole batch.
 */
export function groupCommit<I, O>(db: Db, write: (input: I) => O): GroupCommit<I, O> {
  let queue: Array<Pending<I, O>> = []
  let scheduled: NodeJS.Immediate | null = null
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
    if (scheduled) clearImmediate(scheduled)
    scheduled = null
    const batch = queue
    queue = []
    if (batch.length === 0) return
    try {
      commit(batch)
    } catch (error) {
      for (const pending of batch) pending.reject(error)
      return
    }
    for (const pending of batch) {
      if (pending.error !== undefined) pending.reject(pending.error)
      else pending.resolve(pending.output as O)
    }
  }

  return {
    submit: (input) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject })
        scheduled ??= setImmediate(flush)
      }),
    flush,
  }
}
