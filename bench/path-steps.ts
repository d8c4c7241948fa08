import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sendRequestSchema } from '../protocol/schemas'
import { createSqliteMessageStore } from '../server/messages/sqlite-message-store'
import { createSqliteRoomStore } from '../server/rooms/sqlite-room-store'
import { createRateLimits, spend } from '../server/socket/rate-limits'
import { openDatabase } from '../server/storage/database'

export interface PathStep {
  step: string
  /** Median µs with the process idle `gapMs` between messages, as in the latency runs. */
  spacedMicros: number
  /** Median µs back to back, every cache warm. */
  backToBackMicros: number
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

/**
 * What Parley does to a message before broadcasting it that the minimal relay
 * does not, each step timed with the server's own code in this process: the
 * rate limits, the payload's schema, the append through the group commit, and
 * for scale the bare SQLite transaction underneath it and an empty step (a
 * timer firing, then two clock reads). Spaced out like the latency runs'
 * messages, each step runs alone after its own pause, so none rides on the
 * caches another warmed: cold, a step costs many times its back-to-back
 * figure, and that, not throughput, is what latency feels.
 */
export async function measurePathSteps(count: number, gapMs: number): Promise<PathStep[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-path-'))
  const db = openDatabase(dir)
  try {
    createSqliteRoomStore(db)
    const store = createSqliteMessageStore(db)
    const limits = createRateLimits({ requestsPerSecond: 1e9, sendsPerSecond: 1e9 })
    const insert = db.prepare('INSERT INTO messages (room_id, author, text, client_id, ts) VALUES (?, ?, ?, ?, ?)')
    const bareTransaction = db.transaction((n: number) =>
      insert.run('general', 'bare', `message ${n}`, `b${n}`, Date.now()),
    )
    let next = 0
    const steps: Record<string, () => unknown> = {
      'nothing (the floor)': () => undefined,
      'rate limits (requests, sends)': () => spend([limits.requests, limits.sends], 'bench'),
      'payload schema (zod)': () =>
        sendRequestSchema.safeParse({ roomId: 'general', text: `message ${next}`, clientId: `c${next}` }),
      'append: group commit, insert, commit': () =>
        store.append({ roomId: 'general', author: 'bench', text: `message ${next}`, clientId: `c${next++}` }),
      'bare SQLite: BEGIN, INSERT, COMMIT': () => bareTransaction(next++),
    }
    const names = Object.keys(steps)
    const timed = async (gap: number): Promise<Record<string, number>> => {
      const samples: Record<string, number[]> = Object.fromEntries(names.map((step) => [step, []]))
      for (let i = 0; i < count * names.length; i++) {
        const step = names[i % names.length]!
        if (gap > 0) await pause(gap)
        const start = process.hrtime.bigint()
        const result = steps[step]!()
        if (result instanceof Promise) await result
        samples[step]!.push(Number(process.hrtime.bigint() - start) / 1e3)
      }
      return Object.fromEntries(Object.entries(samples).map(([step, values]) => [step, median(values)]))
    }
    const backToBack = await timed(0)
    const spaced = await timed(gapMs)
    store.flush()
    return Object.keys(steps).map((step) => ({
      step,
      spacedMicros: spaced[step]!,
      backToBackMicros: backToBack[step]!,
    }))
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
