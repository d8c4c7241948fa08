import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ClientSystem, WorkerCommand, WorkerReply } from './client-worker'

export interface ClientWorker {
  /** Opens clients; resolves with how many connected (and joined, on Parley). */
  connect(url: string, system: ClientSystem, websocket: number, polling: number): Promise<number>
  /** Delivery latencies (ms) since the last collect, the latest arrival (hrtime ns), and the process's CPU time so far. */
  collect(): Promise<{ samples: number[]; lastArrivalNs: bigint; cpuMicros: number; dropped: number }>
  close(): Promise<void>
}

let started = 0

/** Starts `count` client processes. */
export async function startClientWorkers(count: number): Promise<ClientWorker[]> {
  return Promise.all(Array.from({ length: count }, () => startClientWorker(`w${process.pid}-${started++}`)))
}

async function startClientWorker(prefix: string): Promise<ClientWorker> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./client-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`client worker exited (${code})`)))
  })
  const ask = (command: WorkerCommand): Promise<WorkerReply> =>
    new Promise((resolve) => {
      child.once('message', resolve)
      child.send(command)
    })
  return {
    async connect(url, system, websocket, polling) {
      const reply = await ask({ cmd: 'connect', url, system, websocket, polling, prefix })
      return 'connected' in reply ? reply.connected : 0
    },
    async collect() {
      const reply = await ask({ cmd: 'collect' })
      if (!('samples' in reply)) throw new Error('client worker: unexpected reply')
      return {
        samples: reply.samples,
        lastArrivalNs: BigInt(reply.lastArrivalNs),
        cpuMicros: reply.cpuMicros,
        dropped: reply.dropped,
      }
    },
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.send({ cmd: 'close' } satisfies WorkerCommand)
      await exited
    },
  }
}
