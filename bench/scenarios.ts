import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { createSqliteMessageStore } from '../server/messages/sqlite-message-store'
import { createSqliteRoomStore } from '../server/rooms/sqlite-room-store'
import { openDatabase } from '../server/storage/database'
import type { ClientSystem } from './client-worker'
import { startClientWorkers, type ClientWorker } from './client-workers'
import { parleyClient, socketioRelayClient, type Pair } from './clients'
import type { ServerHandle } from './server-handle'
import { summarize, type Summary } from './stats'

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export interface LatencyResult {
  latency: Summary
  sent: number
  delivered: number
  requestsPerMessage: number
  bytesPerMessage: number
  cpuMicrosPerMessage: number
  /** µs in the server from a message's arrival to its packet for the receiver (servers started with `handoffs`). */
  handoff: Summary
}

export interface LatencyProbe {
  /** Sends `count` messages `gapMs` apart and waits for them (15 s at most). */
  round(count: number, gapMs: number): Promise<void>
  /** Everything measured over all rounds. */
  result(): LatencyResult
  close(): void
}

/**
 * One sender and one receiver, both in this process, so one clock measures
 * both ends. Measured in rounds, so the benchmark can interleave the systems
 * and a noisy moment on a shared machine does not land on one system alone.
 */
export function latencyProbe(server: ServerHandle, pair: Pair): LatencyProbe {
  const sentAt = new Map<number, number>()
  const samples: number[] = []
  let next = 0
  let waiting = 0
  let roundDone: () => void = () => {}
  const totals = { requests: 0, bytes: 0, cpuMicros: 0 }
  const handoffs: number[] = []
  pair.onReceive((seq) => {
    const start = sentAt.get(seq)
    if (start === undefined) return
    samples.push(performance.now() - start)
    sentAt.delete(seq)
    if (--waiting === 0) roundDone()
  })
  return {
    async round(count, gapMs) {
      waiting = count
      const done = new Promise<void>((resolve) => (roundDone = resolve))
      const before = await server.stats()
      for (let i = 0; i < count; i++) {
        const seq = next++
        sentAt.set(seq, performance.now())
        pair.send(seq)
        await pause(gapMs)
      }
      await Promise.race([done, pause(15_000)])
      sentAt.clear()
      const after = await server.stats()
      totals.requests += after.httpRequests - before.httpRequests
      totals.bytes += after.bytesIn - before.bytesIn + after.bytesOut - before.bytesOut
      totals.cpuMicros += after.cpuMicros - before.cpuMicros
      handoffs.push(...after.handoffMicros)
    },
    result() {
      const delivered = samples.length || 1
      return {
        latency: summarize(samples),
        sent: next,
        delivered: samples.length,
        requestsPerMessage: totals.requests / delivered,
        bytesPerMessage: totals.bytes / delivered,
        cpuMicrosPerMessage: totals.cpuMicros / delivered,
        handoff: summarize(handoffs),
      }
    },
    close: () => pair.close(),
  }
}

export interface FanoutResult {
  receivers: number
  deliveriesPerSecond: number
  p50: number
  p99: number
  delivered: number
  /** Messages sent times receivers joined. */
  expected: number
  /** Receivers that joined, of those asked for. */
  connected: number
  /** Receivers whose connection closed after they joined. */
  dropped: number
  /** Server CPU time per delivery, µs. */
  serverCpuPerDelivery: number
  /** Cores the server and the client processes kept busy while messages were in flight. */
  serverCores: number
  clientCores: number
}

/** Client processes the fan-out and idle receivers are spread over. */
export const FANOUT_WORKERS = 2

/** Opens `total` clients, `polling` of them on long-polling, spread evenly over the workers. */
async function connectSpread(
  workers: ClientWorker[],
  url: string,
  system: ClientSystem,
  total: number,
  polling: number,
  onProgress: (line: string) => void,
): Promise<number> {
  let connected = 0
  // In slices, so a long setup shows progress.
  const slice = 500
  for (let done = 0; done < total; done += slice) {
    const size = Math.min(slice, total - done)
    const pollingHere = Math.round((polling * size) / total)
    const counts = workers.map((_, w) => Math.floor(size / workers.length) + (w < size % workers.length ? 1 : 0))
    const results = await Promise.all(
      workers.map((worker, w) => {
        const poll = Math.floor(pollingHere / workers.length) + (w < pollingHere % workers.length ? 1 : 0)
        return worker.connect(url, system, counts[w]! - poll, poll)
      }),
    )
    connected += results.reduce((sum, n) => sum + n, 0)
    if (total >= 1000) onProgress(`  ${system}: ${connected}/${total} clients connected`)
  }
  return connected
}

export interface FanoutProbe {
  /** Sends `messages` at `ratePerSecond` and collects their deliveries. */
  round(messages: number, ratePerSecond: number): Promise<void>
  /** Everything measured over all rounds. */
  result(): FanoutResult
  close(): Promise<void>
}

/**
 * One room, `receivers` clients of which 10% on long-polling, and a sender at
 * a fixed rate. Receivers live in worker processes (WebSocket ones speak the
 * protocol directly), so the server, not the clients, sets the ceiling.
 * Measured in rounds, like latency, so two systems can take turns.
 */
export async function fanoutProbe(
  system: ClientSystem,
  server: ServerHandle,
  receivers: number,
  onProgress: (line: string) => void,
): Promise<FanoutProbe> {
  const workers = await startClientWorkers(FANOUT_WORKERS)
  const { url } = server
  const connected = await connectSpread(workers, url, system, receivers, Math.round(receivers / 10), onProgress)
  const sender =
    system === 'parley' ? await parleyClient(url, 'websocket') : await socketioRelayClient(url, 'websocket')
  const samples: number[] = []
  let activeNs = 0n
  let expected = 0
  let next = 0
  let serverCpu = 0
  let clientCpu = 0
  let dropped = 0
  /**
   * Takes every worker's deliveries since the last call into `samples`, and
   * returns how many arrived, the latest arrival and the workers' CPU time so far.
   */
  const collect = async () => {
    const batches = await Promise.all(workers.map((worker) => worker.collect()))
    dropped = batches.reduce((sum, batch) => sum + batch.dropped, 0)
    let arrived = 0
    let lastNs = 0n
    for (const batch of batches) {
      arrived += batch.samples.length
      for (const sample of batch.samples) samples.push(sample)
      if (batch.lastArrivalNs > lastNs) lastNs = batch.lastArrivalNs
    }
    return { arrived, lastNs, cpuMicros: batches.reduce((sum, batch) => sum + batch.cpuMicros, 0) }
  }
  return {
    async round(messages, ratePerSecond) {
      const serverCpuBefore = (await server.stats()).cpuMicros
      const clientCpuBefore = (await collect()).cpuMicros
      // Sent on schedule (catching up after a late timer), not "pause after each".
      const first = process.hrtime.bigint()
      for (let sent = 0; sent < messages;) {
        const due = Math.min(messages, Math.floor((Number(process.hrtime.bigint() - first) / 1e9) * ratePerSecond) + 1)
        for (; sent < due; sent++) {
          const text = `bench:${next++}:${process.hrtime.bigint()}`
          if (system === 'parley') sender.emit('message:send', { roomId: 'general', text }, () => {})
          else sender.emit('chat', text)
        }
        await pause(1)
      }
      const wanted = messages * connected
      expected += wanted
      let arrived = 0
      let last = first
      const deadline = Date.now() + 60_000
      // Collect until everything arrived, or nothing more arrives for 5 s.
      let quietSince = Date.now()
      while (arrived < wanted && Date.now() < deadline && Date.now() - quietSince < 5_000) {
        await pause(200)
        const batch = await collect()
        if (batch.arrived > 0) quietSince = Date.now()
        arrived += batch.arrived
        if (batch.lastNs > last) last = batch.lastNs
      }
      activeNs += last - first
      // Over the whole round: the quiet tail after the last arrival costs next to nothing.
      serverCpu += (await server.stats()).cpuMicros - serverCpuBefore
      clientCpu += (await collect()).cpuMicros - clientCpuBefore
    },
    result() {
      const summary = summarize(samples)
      const activeMicros = Number(activeNs) / 1e3
      return {
        receivers,
        deliveriesPerSecond: samples.length / (Number(activeNs) / 1e9),
        serverCpuPerDelivery: serverCpu / samples.length,
        serverCores: serverCpu / activeMicros,
        clientCores: clientCpu / activeMicros,
        p50: summary.p50,
        p99: summary.p99,
        delivered: samples.length,
        expected,
        connected,
        dropped,
      }
    },
    async close() {
      sender.disconnect()
      await Promise.all(workers.map((worker) => worker.close()))
    },
  }
}

export interface IdleResult {
  clients: number
  /** How many of them connected and joined: a loaded machine can drop some. */
  connected: number
  transport: 'websocket' | 'polling'
  rssPerClient: number
  heapPerClient: number
  /** Where the server's heap snapshot went, when one was asked for. */
  heapSnapshot?: string
}

/** Server memory per idle, joined client; the clients live in worker processes. */
export async function measureIdle(
  server: ServerHandle,
  clients: number,
  transport: 'websocket' | 'polling',
  onProgress: (line: string) => void,
  /** Also write a heap snapshot of the server, with every client connected, here. */
  snapshotPath?: string,
): Promise<IdleResult> {
  const before = await server.stats()
  const workers = await startClientWorkers(FANOUT_WORKERS)
  try {
    const polling = transport === 'polling' ? clients : 0
    // Under --profile, the profile covers the joins: an idle server does little else.
    await server.profile?.start()
    const connected = await connectSpread(workers, server.url, 'parley', clients, polling, onProgress)
    await server.profile?.stop()
    const after = await server.stats()
    const heapSnapshot = snapshotPath ? await server.heapSnapshot(snapshotPath) : undefined
    return {
      clients,
      connected,
      transport,
      rssPerClient: (after.rssBytes - before.rssBytes) / connected,
      heapPerClient: (after.heapBytes - before.heapBytes) / connected,
      heapSnapshot,
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.close()))
  }
}

export interface StorageResult {
  /** Sustained, with STORAGE_WRITERS senders at once: their appends share commits. */
  ingestPerSecond: number
  /** One sender waiting for each commit before the next append. */
  singleCommitPerSecond: number
  /** How long each of those appends took, ms: what one message waits for its commit. */
  commit: Summary
  ingested: number
  roomSize: number
  /** A page of 50 (a tenth of the room's messages are replies, quoting through a join), ms. */
  page: Summary
  /** A page of 100 changes, as an app catching up after being away reads them, ms. */
  changes: Summary
  /** The search index built in the background after a start, as for a database from before search. */
  indexPerSecond: number
  /** A search for a word in 20 messages of the room, ms. */
  searchRare: Summary
  /** A search for a word in every message of the room (the newest 20 of them), ms. */
  searchCommon: Summary
  /** `from:` a person who wrote one message in 50,000 of the room, with no words, ms. */
  searchByPerson: Summary
  /** How many messages that person wrote, and how many that search found: all of them (up to 20), or it measured the wrong thing. */
  byPerson: { wrote: number; found: number }
  /**
   * How late the event loop (every other connection's messages) ran while
   * those common searches ran one after another, ms: a search on the event
   * loop holds it for its whole length.
   */
  searchLoopDelayMs: { p99: number; max: number }
}

/** Concurrent senders in the storage ingest run, as in a busy room. */
export const STORAGE_WRITERS = 20

/**
 * How long `run` takes (until it settles, if it returns a promise), `times`
 * times over, in ms. With `turns`, the event loop turns between runs, as a
 * server's does between requests (the loop-delay monitor needs that); without,
 * no timer runs meanwhile, so the store's background indexing waits.
 */
async function timeEach(times: number, run: (index: number) => unknown, turns = false): Promise<Summary> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    if (turns) await new Promise((resolve) => setImmediate(resolve))
    const t = performance.now()
    const result = run(i)
    if (result instanceof Promise) await result
    samples.push(performance.now() - t)
  }
  return summarize(samples)
}

/**
 * Persisted messages per second through the real store, a 50-message page
 * out of a large room, and search over it.
 */
export async function measureStorage(ingest: number, roomSize: number): Promise<StorageResult> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-db-'))
  try {
    const db = openDatabase(dir)
    createSqliteRoomStore(db)
    const messages = createSqliteMessageStore(db)
    let next = 0
    const append = () =>
      messages.append({ roomId: 'general', author: 'bench', text: `message ${next}`, clientId: `c${next++}` })

    let start = performance.now()
    await Promise.all(
      Array.from({ length: STORAGE_WRITERS }, async () => {
        while (next < ingest) await append()
      }),
    )
    const ingestPerSecond = next / ((performance.now() - start) / 1000)
    const single = Math.round(ingest / 5)
    const commitTimes: number[] = []
    start = performance.now()
    for (let i = 0; i < single; i++) {
      const t = performance.now()
      await append()
      commitTimes.push(performance.now() - t)
    }
    const singleCommitPerSecond = single / ((performance.now() - start) / 1000)

    // Fill the room in large transactions: setup, not what is measured. Every
    // tenth message answers the first one, so pages read quotes too.
    const insert = db.prepare<[string, string, number | null]>(
      "INSERT INTO messages (room_id, author, text, client_id, ts, reply_to) VALUES ('general', ?, ?, NULL, 0, ?)",
    )
    // Each number from 0 to 49,999 once per 50,000 messages: in 20 messages of
    // a million. One of those 50,000 is written by someone else: 20 of a million too.
    let rareWrote = 0
    const fill = db.transaction((count: number) => {
      for (let i = 0; i < count; i++) {
        const rare = i === 25_000
        if (rare) rareWrote++
        insert.run(rare ? 'Rare' : 'fill', `filler ${i}`, i % 10 === 0 ? 1 : null)
      }
    })
    for (let left = roomSize - next; left > 0; left -= 50_000) fill(Math.min(50_000, left))
    // The first message's count of replies, as the store keeps it for replies sent.
    db.prepare('UPDATE messages SET replies = (SELECT count(*) FROM messages WHERE reply_to = 1) WHERE id = 1').run()
    const page = await timeEach(500, () =>
      messages.page('general', { before: 1 + Math.floor(Math.random() * roomSize), limit: 50 }),
    )
    // A thousand messages across the room edited; an app away since some
    // change number reads the ones after it.
    const edits = 1000
    for (let i = 1; i <= edits; i++) messages.edit(Math.floor((i * roomSize) / (edits + 1)), `edited ${i}`, false)
    const changes = await timeEach(200, () =>
      messages.changes('general', { after: Math.floor(Math.random() * (edits - 100)), limit: 100 }),
    )
    messages.flush()
    db.close()

    // Reopened: the messages filled in above are not indexed yet, as after an
    // upgrade; the store indexes them in the background, a batch per turn.
    const reopened = openDatabase(dir)
    createSqliteRoomStore(reopened)
    const searchable = createSqliteMessageStore(reopened)
    const markOf = reopened.prepare('SELECT indexed_upto AS mark FROM search_state').pluck()
    const newest = reopened.prepare('SELECT max(id) FROM messages').pluck().get() as number
    const from = markOf.get() as number
    start = performance.now()
    while ((markOf.get() as number) < newest) await new Promise((resolve) => setTimeout(resolve, 20))
    const indexPerSecond = (newest - from) / ((performance.now() - start) / 1000)
    const search = (query: string) => searchable.search(query, ['general'], { limit: 20 })
    const searchRare = await timeEach(200, (i) => search(String((i * 7919) % 50_000)), true)
    // What the searches cost everyone else: how late the event loop ran other work meanwhile.
    const loopDelay = monitorEventLoopDelay({ resolution: 1 })
    loopDelay.enable()
    const searchCommon = await timeEach(200, () => search('filler'), true)
    loopDelay.disable()
    const byPerson = () => searchable.search('', ['general'], { limit: 20, from: 'rare' })
    const found = { wrote: rareWrote, found: (await byPerson()).messages.length }
    const searchByPerson = await timeEach(50, byPerson, true)
    searchable.flush()
    reopened.close()
    return {
      ingestPerSecond,
      singleCommitPerSecond,
      commit: summarize(commitTimes),
      ingested: next,
      roomSize,
      page,
      changes,
      indexPerSecond,
      searchRare,
      searchCommon,
      searchByPerson,
      byPerson: found,
      searchLoopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
