import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, JoinResult, ServerToClientEvents } from '../../protocol'
import { request } from './request'
import { createParleyServer, type ParleyServer, type ParleyServerOptions } from '../../server'

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>

/** A fresh data folder, removed by the returned cleanup. */
export function makeDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'parley-test-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export function startServer(options: Partial<ParleyServerOptions> & { dataDir: string }): Promise<ParleyServer> {
  return createParleyServer({ port: 0, host: '127.0.0.1', webRoot: null, onError: () => {}, ...options })
}

/** A real socket.io-client with the same defaults as the app: polling first, then the upgrade. */
export function connectClient(url: string): TestClient {
  return io(url, { reconnection: false, forceNew: true })
}

let tokenCounter = 0
export function newToken(): string {
  return `test-token-${process.pid}-${++tokenCounter}-${Math.random().toString(36).slice(2)}`
}

/** Connects and joins as `name`; throws on an error ack. */
export async function joinAs(
  url: string,
  name: string,
  rooms?: string[],
): Promise<{ client: TestClient; joined: JoinResult }> {
  const client = connectClient(url)
  const result = await request(client, 'session:join', { name, token: newToken(), rooms })
  if ('error' in result) throw new Error(`join failed: ${result.error} ${result.message}`)
  return { client, joined: result.data }
}

/** Resolves with the first event that matches, or rejects after `ms`. */
export function waitForEvent<E extends keyof ServerToClientEvents>(
  client: TestClient,
  event: E,
  match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  ms = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const listener = (...args: Parameters<ServerToClientEvents[E]>): void => {
      if (!match(...args)) return
      clearTimeout(timer)
      client.off(event, listener as never)
      resolve(args)
    }
    const timer = setTimeout(() => {
      client.off(event, listener as never)
      reject(new Error(`timed out waiting for ${event}`))
    }, ms)
    client.on(event, listener as never)
  })
}

/** Polls `check` until it is true, or fails after `ms`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
