/**
 * One server under test, in its own process so its CPU time and memory are
 * its own: Parley, the textbook Socket.IO relay, or a raw ws relay. Reports
 * over IPC: { ready: url, dataDir }, then answers stats, heap-snapshot,
 * profile-start and profile-stop commands.
 */
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { writeHeapSnapshot } from 'node:v8'
import { Server } from 'socket.io'
import { WebSocketServer } from 'ws'
import { createParleyServer } from '../server'

export type ServerKind = 'parley' | 'socketio-relay' | 'ws-relay'

export interface ServerStats {
  cpuMicros: number
  rssBytes: number
  heapBytes: number
  httpRequests: number
  bytesIn: number
  bytesOut: number
}

const kind = process.argv[2] as ServerKind
let httpRequests = 0
let closedBytesIn = 0
let closedBytesOut = 0
const sockets = new Set<Socket>()

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
      rateLimits: { requestsPerSecond: 1e9, sendsPerSecond: 1e9 },
      restHistory: true,
    })
    count(server.httpServer)
    return server.url
  }
  const http = createServer()
  count(http)
  if (kind === 'socketio-relay') {
    // The textbook chat server: no persistence, no validation.
    const io = new Server(http)
    io.on('connection', (socket) => socket.on('chat', (message: unknown) => io.emit('chat', message)))
  } else {
    const wss = new WebSocketServer({ server: http })
    wss.on('connection', (socket) => {
      socket.on('message', (data, isBinary) => {
        for (const client of wss.clients) client.send(data, { binary: isBinary })
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
  return {
    cpuMicros: cpu.user + cpu.system,
    rssBytes: memory.rss,
    heapBytes: memory.heapUsed,
    httpRequests,
    bytesIn,
    bytesOut,
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
