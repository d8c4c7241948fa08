import { afterEach } from 'vitest'
import type { HistoryPage, JoinResult, Message } from '../../protocol'
import type { ParleyServer, ParleyServerOptions } from '../../server'
import { request, sendMessage } from './request'
import { connectClient, joinAs, makeDataDir, newToken, startServer, type TestClient } from './server'

export interface ServerFixture {
  /** The running server; throws before `start()`. */
  readonly server: ParleyServer
  /** This test's data folder. */
  readonly dataDir: string
  /** Starts the server on this test's data folder (again, after `stop()`: a restart). */
  start(options?: Partial<ParleyServerOptions>): Promise<ParleyServer>
  /** Disconnects every client and closes the server, keeping the data. */
  stop(): Promise<void>
  /** Connects and joins as `name`; disconnected when the test ends. */
  join(name: string): Promise<TestClient>
  /**
   * Connects and joins as `name` as a tab of one browser: every tab shares one
   * device id, so two may hold one name, as linked devices do. Disconnected
   * when the test ends.
   */
  tab(name: string): Promise<{ client: TestClient; joined: JoinResult }>
  /** Sends as a well-behaved client does (waiting out rate limits); throws unless it is stored. */
  send(client: TestClient, text: string, roomId?: string): Promise<Message>
  /** The newest page of a room's history as `client` reads it; throws on an error. */
  history(client: TestClient, roomId?: string): Promise<HistoryPage>
}

/** A server per test on a fresh data folder, with its clients, all gone after the test. */
export function useServerFixture(): ServerFixture {
  let server: ParleyServer | undefined
  let data: ReturnType<typeof makeDataDir> | undefined
  const clients: TestClient[] = []

  async function stop(): Promise<void> {
    clients.splice(0).forEach((client) => client.disconnect())
    await server?.close()
    server = undefined
  }
  afterEach(async () => {
    await stop()
    data?.remove()
    data = undefined
  })

  return {
    get server() {
      if (!server) throw new Error('start() the server first')
      return server
    },
    get dataDir() {
      data ??= makeDataDir()
      return data.dir
    },
    async start(options = {}) {
      data ??= makeDataDir()
      server = await startServer({ dataDir: data.dir, ...options })
      return server
    },
    stop,
    async join(name) {
      if (!server) throw new Error('start() the server first')
      const { client } = await joinAs(server.url, name)
      clients.push(client)
      return client
    },
    async tab(name) {
      if (!server) throw new Error('start() the server first')
      const client = connectClient(server.url)
      clients.push(client)
      const joined = await request(client, 'session:join', { name, token: newToken(), device: 'one-browser-device-id' })
      if (!('data' in joined)) throw new Error(joined.message)
      return { client, joined: joined.data }
    },
    async send(client, text, roomId = 'general') {
      const result = await sendMessage(client, { roomId, text })
      if (!('data' in result)) throw new Error(result.message)
      return result.data
    },
    async history(client, roomId = 'general') {
      const page = await request(client, 'message:history', { roomId })
      if (!('data' in page)) throw new Error(page.message)
      return page.data
    },
  }
}
