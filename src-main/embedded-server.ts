import type { HostedServer } from '../protocol'
import { createParleyServer, ListenError, type ParleyServer, type ParleyServerOptions } from '../server'
import { reachableFromLan } from '../server/discovery/announce'

export const DEFAULT_HOST_PORT = 3000

export interface EmbeddedHost {
  start(options: { port?: number }): Promise<HostedServer>
  stop(): Promise<void>
  current(): HostedServer | null
}

/**
 * "Host on this computer": the same server as `npm run server`, in-process,
 * listening on every interface so the LAN can join.
 */
export function createEmbeddedHost(
  base: Pick<ParleyServerOptions, 'dataDir' | 'webRoot' | 'extraOrigins' | 'name' | 'host'>,
  create: typeof createParleyServer = createParleyServer,
): EmbeddedHost {
  let server: ParleyServer | null = null
  let starting: Promise<HostedServer> | null = null

  const describe = (running: ParleyServer): HostedServer => ({
    localUrl: `http://127.0.0.1:${running.port}`,
    lanUrls: running.lanUrls,
    port: running.port,
  })

  async function launch(port: number | undefined): Promise<HostedServer> {
    const options = { host: '0.0.0.0', ...base }
    // Listed on the join screens of desktop apps on the LAN, unless it listens on loopback only.
    const announced = { ...options, announce: reachableFromLan(options.host) }
    try {
      server = await create({ ...announced, port: port ?? DEFAULT_HOST_PORT })
    } catch (error) {
      // The usual port is taken (perhaps by another Parley): take any free one.
      if (port !== undefined || !(error instanceof ListenError)) throw error
      server = await create({ ...announced, port: 0 })
    }
    return describe(server)
  }

  return {
    start({ port }) {
      if (server) return Promise.resolve(describe(server))
      starting ??= launch(port).finally(() => (starting = null))
      return starting
    },
    async stop() {
      const running = server
      server = null
      await running?.close()
    },
    current: () => (server ? describe(server) : null),
  }
}
