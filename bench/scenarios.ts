import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Socket } from 'socket.io-client'
import { createSqliteMessageStore } from '../server/messages/sqlite-message-store'
import { createSqliteRoomStore } from '../server/rooms/sqlite-room-store'
import { openDatabase } from '../server/storage/database'
import { parleyClient, socketioRelayClient, type Pair } from './clients'
import { rawWebsocketClient } from './raw-client'
import type { ServerHandle } from './server-handle'
import { summarize, type Summary } from './stats'

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export interface LatencyResult {
  latency: Summary
  delivered: number
  requestsPerMessage: number
  bytesPerMessage: number
  cpuMicrosPerMessage: number
}

/** One sender, one receiver, in this process: one clock measures both ends. */
export async function measureLatency(
  server: ServerHandle,
  pair: Pair,
  count: number,
  gapMs: number,
): Promise<LatencyResult> {
  const sentAt = new Map<number, number>()
  const samples: number[] = []
  let done: () => void = () => {}
  const all = new Promise<void>((resolve) => (done = resolve))
  pair.onReceive((seq) => {
    const start = sentAt.get(seq)
    if (start === undefined) return
    samples.push(performance.now() - start)
    sentAt.delete(seq)
    if (samples.length === count) done()
  })
  const before = await server.stats()
  for (let seq = 0; seq < count; seq++) {
    sentAt.set(seq, performance.now())
    pair.send(seq)
    await pause(gapMs)
  }
  await Promise.race([all, pause(15_000)])
  const after = await server.stats()
  pair.close()
  const delivered = samples.length || 1
  return {
    latency: summarize(samples),
    delivered: samples.length,
    requestsPerMessage: (after.httpRequests - before.httpRequests) / delivered,
    bytesPerMessage: (after.bytesIn - before.bytesIn + after.bytesOut - before.bytesOut) / delivered,
    cpuMicrosPerMessage: (after.cpuMicros - before.cpuMicros) / delivered,
  }
}

export interface FanoutResult {
  receivers: number
  deliveriesPerSecond: number
  p99: number
  delivered: number
  expected: number
}

/** One room, `receivers` clients of which 10% on long-polling, and a sender at a fixed rate. */
export async function measureFanout(
  system: 'parley' | 'socketio-relay',
  url: string,
  receivers: number,
  messages: number,
  ratePerSecond: number,
  onProgress: (line: string) => void,
): Promise<FanoutResult> {
  const connect = (index: number): Promise<Socket> => {
    const transport = index % 10 === 0 ? 'polling' : 'websocket'
    return system === 'parley' ? parleyClient(url, transport) : socketioRelayClient(url, transport)
  }
  const clients: Socket[] = []
  for (let i = 0; i < receivers; i += 50) {
    clients.push(...(await Promise.all(Array.from({ length: Math.min(50, receivers - i) }, (_, k) => connect(i + k)))))
    if (receivers >= 500) onProgress(`  ${system}: ${clients.length}/${receivers} receivers connected`)
  }
  const sender = await connect(1)
  const sentAt = new Map<number, number>()
  const samples: number[] = []
  const expected = messages * receivers
  let last = 0
  let done: () => void = () => {}
  const all = new Promise<void>((resolve) => (done = resolve))
  const event = system === 'parley' ? 'message:created' : 'chat'
  for (const client of clients) {
    client.on(event, (payload: { text: string } | string) => {
      const seq = Number(typeof payload === 'string' ? payload : payload.text)
      const start = sentAt.get(seq)
      if (start === undefined) return
      last = performance.now()
      samples.push(last - start)
      if (samples.length === expected) done()
    })
  }
  const first = performance.now()
  for (let seq = 0; seq < messages; seq++) {
    sentAt.set(seq, performance.now())
    if (system === 'parley') sender.emit('message:send', { roomId: 'general', text: String(seq) }, () => {})
    else sender.emit('chat', String(seq))
    await pause(1000 / ratePerSecond)
  }
  await Promise.race([all, pause(30_000)])
  for (const client of [...clients, sender]) client.disconnect()
  return {
    receivers,
    deliveriesPerSecond: samples.length / ((last - first) / 1000),
    p99: summarize(samples).p99,
    delivered: samples.length,
    expected,
  }
}

export interface IdleResult {
  clients: number
  /** How many of them connected and joined: a loaded machine can drop some. */
  connected: number
  transport: 'websocket' | 'polling'
  rssPerClient: number
  heapPerClient: number
}

/** Server memory per idle, joined client. */
export async function measureIdle(
  server: ServerHandle,
  clients: number,
  transport: 'websocket' | 'polling',
): Promise<IdleResult> {
  const before = await server.stats()
  // WebSocket clients speak the protocol directly (light enough for thousands
  // in one process); long-polling ones use socket.io-client.
  const sockets: Array<{ close(): void; open(): boolean }> = []
  for (let i = 0; i < clients; i += 100) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(100, clients - i) }, async (_, k) => {
        if (transport === 'websocket') {
          const socket = await rawWebsocketClient(server.url, `idle${process.pid}-${i + k}`)
          return { close: () => socket.terminate(), open: () => socket.readyState === socket.OPEN }
        }
        const socket = await parleyClient(server.url, transport)
        return { close: () => socket.disconnect(), open: () => socket.connected }
      }),
    )
    for (const result of batch) if (result.status === 'fulfilled') sockets.push(result.value)
  }
  const connected = sockets.filter((socket) => socket.open()).length
  await pause(500)
  const after = await server.stats()
  for (const socket of sockets) socket.close()
  return {
    clients,
    connected,
    transport,
    rssPerClient: (after.rssBytes - before.rssBytes) / connected,
    heapPerClient: (after.heapBytes - before.heapBytes) / connected,
  }
}

export interface StorageResult {
  ingestPerSecond: number
  ingested: number
  roomSize: number
  page: Summary
}

/** Persisted messages per second through the real store, and a 50-message page out of a large room. */
export function measureStorage(ingest: number, roomSize: number): StorageResult {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-db-'))
  try {
    const db = openDatabase(dir)
    createSqliteRoomStore(db)
    const messages = createSqliteMessageStore(db)
    const start = performance.now()
    for (let i = 0; i < ingest; i++)
      messages.append({ roomId: 'general', author: 'bench', text: `message ${i}`, clientId: `c${i}` })
    const ingestPerSecond = ingest / ((performance.now() - start) / 1000)

    // Fill the room in large transactions: setup, not what is measured.
    const insert = db.prepare(
      "INSERT INTO messages (room_id, author, text, client_id, ts) VALUES ('general', 'fill', ?, NULL, 0)",
    )
    const fill = db.transaction((count: number) => {
      for (let i = 0; i < count; i++) insert.run(`filler ${i}`)
    })
    for (let left = roomSize - ingest; left > 0; left -= 50_000) fill(Math.min(50_000, left))
    const samples: number[] = []
    for (let i = 0; i < 500; i++) {
      const before = 1 + Math.floor(Math.random() * roomSize)
      const t = performance.now()
      messages.page('general', { before, limit: 50 })
      samples.push(performance.now() - t)
    }
    db.close()
    return { ingestPerSecond, ingested: ingest, roomSize, page: summarize(samples) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
