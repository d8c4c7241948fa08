/**
 * A process full of benchmark clients, so thousands of them neither share the
 * benchmark's event loop nor make it the bottleneck. Driven over IPC:
 * `connect` opens clients (WebSocket ones speak the protocol directly,
 * long-polling ones are socket.io-client), `collect` hands over the delivery
 * latencies seen since the last collect, `close` ends the process.
 *
 * A benchmark message's text is `bench:<seq>:<sent>`, `sent` being
 * process.hrtime.bigint() in the sender's process: that clock is the system's
 * monotonic clock, the same in every process.
 */
import type { Socket } from 'socket.io-client'
import { parleyClient, socketioRelayClient } from './clients'
import { rawWebsocketClient } from './raw-client'

export type ClientSystem = 'parley' | 'socketio-relay'

export type WorkerCommand =
  | { cmd: 'connect'; url: string; system: ClientSystem; websocket: number; polling: number; prefix: string }
  | { cmd: 'collect' }
  | { cmd: 'close' }

export type WorkerReply =
  { connected: number } | { samples: number[]; lastArrivalNs: string; cpuMicros: number; dropped: number }

const JOIN_ATTEMPTS = 3
const TEXT = /bench:\d+:(\d+)/g
const closers: Array<() => void> = []
let samples: number[] = []
let lastArrivalNs = 0n
let named = 0
/** Clients whose connection closed after they joined: each misses what follows. */
let dropped = 0

/** Records every benchmark message in a packet or text: a packet may be a batch of several. */
function record(text: string): void {
  const now = process.hrtime.bigint()
  for (const match of text.matchAll(TEXT)) {
    lastArrivalNs = now
    samples.push(Number(now - BigInt(match[1]!)) / 1e6)
  }
}

async function connectOne(
  url: string,
  system: ClientSystem,
  transport: 'websocket' | 'polling',
  name: string,
): Promise<void> {
  if (transport === 'websocket') {
    const socket = await rawWebsocketClient(url, { join: system === 'parley' ? name : undefined, onEvent: record })
    socket.once('close', () => dropped++)
    closers.push(() => socket.terminate())
    return
  }
  const socket: Socket =
    system === 'parley' ? await parleyClient(url, 'polling') : await socketioRelayClient(url, 'polling')
  socket.on(system === 'parley' ? 'message:created' : 'chat', (payload: { text: string } | string) =>
    record(typeof payload === 'string' ? payload : payload.text),
  )
  socket.on('message:batch', (messages: Array<{ text: string }>) => {
    for (const message of messages) record(message.text)
  })
  socket.once('disconnect', () => dropped++)
  closers.push(() => socket.disconnect())
}

async function connect(command: Extract<WorkerCommand, { cmd: 'connect' }>): Promise<WorkerReply> {
  const plan = [
    ...Array.from({ length: command.websocket }, () => 'websocket' as const),
    ...Array.from({ length: command.polling }, () => 'polling' as const),
  ]
  let connected = 0
  for (let i = 0; i < plan.length; i += 50) {
    let waiting = plan.slice(i, i + 50)
    // A join that fails (this process is saturated by thousands of clients) is
    // made again on a new connection, as the app reconnects and joins again.
    for (let attempt = 0; attempt < JOIN_ATTEMPTS && waiting.length > 0; attempt++) {
      // Names are unique across calls: a second join under a name retires the first connection.
      const batch = await Promise.allSettled(
        waiting.map((transport) => connectOne(command.url, command.system, transport, `${command.prefix}-${named++}`)),
      )
      connected += batch.filter((result) => result.status === 'fulfilled').length
      waiting = waiting.filter((_, j) => batch[j]!.status === 'rejected')
    }
  }
  return { connected }
}

process.on('message', (command: WorkerCommand) => {
  if (command.cmd === 'connect') {
    void connect(command).then((reply) => process.send!(reply))
  } else if (command.cmd === 'collect') {
    const cpu = process.cpuUsage()
    process.send!({
      samples,
      lastArrivalNs: String(lastArrivalNs),
      cpuMicros: cpu.user + cpu.system,
      dropped,
    } satisfies WorkerReply)
    samples = []
  } else {
    for (const close of closers) close()
    process.exit(0)
  }
})
process.send!({ ready: true })
