import { fork, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ServerKind, ServerStats } from './server-process'

export interface ServerHandle {
  url: string
  stats(): Promise<ServerStats>
  /** Writes a V8 heap snapshot of the server and resolves with its path. */
  heapSnapshot(path: string): Promise<string>
  /**
   * With the `profile` option: a V8 CPU profile (what --cpu-prof records) of
   * the measured window only, without start-up and client setup. Scenarios
   * call start() once their clients are ready and stop() when done.
   */
  profile: { start(): Promise<void>; stop(): Promise<void> } | null
  stop(): Promise<void>
}

export interface ServerProcessOptions {
  /** Writes `<dir>/<name>.cpuprofile` when the scenario stops the profile. */
  profile?: { dir: string; name: string }
  /** Time each message's hand-off to its receiver (see server-process.ts); for latency runs. */
  handoffs?: boolean
}

/** Starts a server under test in its own process. */
export async function startServerProcess(kind: ServerKind, options: ServerProcessOptions = {}): Promise<ServerHandle> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./server-process.ts', import.meta.url)),
    options.handoffs ? [kind, '--handoffs'] : [kind],
    {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const { url, dataDir } = await new Promise<{ url: string; dataDir: string | null }>((resolve, reject) => {
    child.once('message', (message: { ready?: string; dataDir?: string | null }) =>
      message.ready ? resolve({ url: message.ready, dataDir: message.dataDir ?? null }) : reject(new Error('no url')),
    )
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)))
  })
  const ask = <T>(cmd: Record<string, unknown>, key: string): Promise<T> =>
    new Promise((resolve) => {
      const listener = (message: Record<string, T>): void => {
        if (!(key in message)) return
        child.off('message', listener)
        resolve(message[key]!)
      }
      child.on('message', listener)
      child.send(cmd)
    })
  const profile = options.profile
  return {
    url,
    profile: profile
      ? {
          start: () => ask<boolean>({ cmd: 'profile-start' }, 'profiling').then(() => undefined),
          stop: () =>
            ask<string>({ cmd: 'profile-stop', path: `${profile.dir}/${profile.name}.cpuprofile` }, 'profile').then(
              () => undefined,
            ),
        }
      : null,
    stats: () => ask<ServerStats>({ cmd: 'stats' }, 'stats'),
    heapSnapshot: (path) => ask<string>({ cmd: 'heap-snapshot', path }, 'heapSnapshot'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        child.kill('SIGKILL')
        await exited
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
