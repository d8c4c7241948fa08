import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ServerKind, ServerStats } from './server-process'

export interface ServerHandle {
  url: string
  stats(): Promise<ServerStats>
  stop(): void
}

/** Starts a server under test in its own process. */
export async function startServerProcess(kind: ServerKind): Promise<ServerHandle> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [kind], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { ready?: string }) =>
      message.ready ? resolve(message.ready) : reject(new Error('no url')),
    )
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)))
  })
  return {
    url,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (message: { stats: ServerStats }) => resolve(message.stats))
        child.send({ cmd: 'stats' })
      }),
    stop: () => void child.kill('SIGKILL'),
  }
}
