/**
 * One server under test, in its own process so its CPU time and memory are
 * its own: Parley, the textbook Socket.IO relay, that relay storing each
 * message in SQLite before relaying it, or a raw ws relay. Reports
 * over IPC: { ready: url, dataDir }, then answers stats, heap-snapshot,
 * profile-start and profile-stop commands. With `--handoffs` (latency runs
 * only: it adds listeners to every connection) it also times each message's
 * hand-off, from its arrival to the first packet for another connection.
 */
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { writeHeapSnapshot } from 'node:v8'
import Database from 'better-sqlite3'
import { Server } from 'socket.io'
import { WebSocketServer } from 'ws'
import { createParleyServer } from '../server'

export type ServerKind = 'parley' | 'socketio-relay' | 'storing-relay' | 'ws-relay'

export interface ServerStats {
  cpuMicros: number
  rssBytes: number
  heapBytes: number
  httpRequests: number
  bytesIn: number
  bytesOut: number
  /** µs from a message's arrival to its first packet for another connection, per message since the last stats. */
  handoffMicros: number[]
}

const kind = process.argv[2] as ServerKind
const timeHandoffs = process.argv.includes('--handoffs')
let handoffMicros: number[] = []
let httpRequests = 0
let closedBytesIn = 0
let closedBytesOut = 0
const sockets = new Set<Socket>()

/** The message being handed off: who sent it and when it arrived. */
let arrival: { from: unknown; at: bigint } | null = null
const arrived = (from: unknown): void => {
  arrival = { from, at: process.hrtime.bigint() }
}
const handedOff = (to: unknown): void => {
  if (arrival === null || to === arrival.from) return
  handoffMicros.push(Number(process.hrtime.bigint() - arrival.at) / 1e3)
  arrival = null
}

/** The two events timed here of an Engine.IO socket (Socket.IO's transport layer). */
interface EngineSocket {
  prependListener(event: 'packet', listener: (packet: { type: string }) => void): void
  on(event: 'packetCreate', listener: (packet: { type: string }) => void): void
}

/** Engine.IO's events: a packet in (before Socket.IO reads it), a packet out (as it is queued for writing). */
function timeEngineHandoffs(io: Server): void {
  io.engine.on('connection', (socket: EngineSocket) => {
    socket.prependListener('packet', (packet: { type: string }) => packet.type === 'message' && arrived(socket))
    socket.on('packetCreate', (packet: { type: string }) => packet.type === 'message' && handedOff(socket))
  })
}

function count(server: HttpServer): void {
  server.on('request', () => httpRequests++)
  server.on('upgrade', () => httpRequests++)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => {
      closedBytesIn += socket.bytesRead
      closedBytesOut += socket.bytesWritten
      sockets.delete(socket)
    })
  })
}

/** Parley's database folder; the parent removes it once this process is gone. */
let dataDir: string | null = null

async function start(): Promise<string> {
  if (kind === 'parley') {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'))
    const server = await createParleyServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      webRoot: null,
      // The benchmark measures the server, not the per-connection limits.
      rateLimits: { requestsPerSecond: 1e9, sendsPerSecond: 1e9, fileChunksPerSecond: 1e9 },
      restHistory: true,
    })
    count(server.httpServer)
    if (timeHandoffs) timeEngineHandoffs(server.io as unknown as Server)
    return server.url
  }
  const http = createServer()
  count(http)
  if (kind === 'socketio-relay') {
    // The textbook chat server: no persistence, no validation.
    const io = new Server(http)
    if (timeHandoffs) timeEngineHandoffs(io)
    io.on('connection', (socket) => socket.on('chat', (message: unknown) => io.emit('chat', message)))
  } else if (kind === 'storing-relay') {
    // The same relay with the one thing every persisting server adds: the
    // message committed (one autocommit INSERT, Parley's journal settings)
    // before anyone is sent it. No validation, no ids handed back, no rooms.
    dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-relay-'))
    const db = new Database(join(dataDir, 'relay.db'))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.exec('CREATE TABLE messages (id INTEGER PRIMARY KEY, text TEXT NOT NULL)')
    const insert = db.prepare('INSERT INTO messages (text) VALUES (?)')
    const io = new Server(http)
    if (timeHandoffs) timeEngineHandoffs(io)
    io.on('connection', (socket) =>
      socket.on('chat', (message: string) => {
        insert.run(message)
        io.emit('chat', message)
      }),
    )
  } else {
    const wss = new WebSocketServer({ server: http })
    wss.on('connection', (socket) => {
      socket.on('message', (data, isBinary) => {
        if (timeHandoffs) arrived(socket)
        for (const client of wss.clients) {
          if (timeHandoffs) handedOff(client)
          client.send(data, { binary: isBinary })
        }
      })
    })
  }
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`
}

function stats(): ServerStats {
  const cpu = process.cpuUsage()
  let bytesIn = closedBytesIn
  let bytesOut = closedBytesOut
  for (const socket of sockets) {
    bytesIn += socket.bytesRead
    bytesOut += socket.bytesWritten
  }
  const memory = process.memoryUsage()
  const handoffs = handoffMicros
  handoffMicros = []
  return {
    cpuMicros: cpu.user + cpu.system,
    rssBytes: memory.rss,
    heapBytes: memory.heapUsed,
    httpRequests,
    bytesIn,
    bytesOut,
    handoffMicros: handoffs,
  }
}

const profiler = new Session()

async function handle(message: { cmd: string; path?: string }): Promise<Record<string, unknown>> {
  switch (message.cmd) {
    case 'stats':
      if (global.gc) global.gc()
      return { stats: stats() }
    case 'heap-snapshot':
      mkdirSync(dirname(message.path!), { recursive: true })
      return { heapSnapshot: writeHeapSnapshot(message.path) }
    case 'profile-start':
      profiler.connect()
      await profiler.post('Profiler.enable')
      await profiler.post('Profiler.start')
      return { profiling: true }
    case 'profile-stop': {
      const { profile } = await profiler.post('Profiler.stop')
      profiler.disconnect()
      mkdirSync(dirname(message.path!), { recursive: true })
      writeFileSync(message.path!, JSON.stringify(profile))
      return { profile: message.path }
    }
    default:
      throw new Error(`unknown command ${message.cmd}`)
  }
}

process.on('message', (message: { cmd: string; path?: string }) => {
  void handle(message).then((reply) => process.send!(reply))
})
start().then(
  (url) => process.send!({ ready: url, dataDir }),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
