import { createServer, request as httpRequest, Agent, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { pipeline } from 'node:stream'
import { CLEAN, describeProfile, parseProfile, ProfileError, type NetsimProfile } from './profile'
import { Shaper } from './shaper'

/** Where the control endpoint lives on the proxy; never forwarded. */
export const CONTROL_PATH = '/__netsim'

export interface NetsimOptions {
  /** The server to forward to, e.g. http://127.0.0.1:3000. */
  target: string
  port?: number
  host?: string
  profile?: string | NetsimProfile
  log?: (line: string) => void
  /** For tests: the source of randomness behind jitter and flaky. */
  random?: () => number
}

export interface NetsimStats {
  httpRequests: number
  websocketsOpened: number
  websocketsRefused: number
  websocketsCut: number
  resets: number
}

interface WebsocketLink {
  client: Socket
  upstream: Socket
  timer: NodeJS.Timeout | null
  drop: () => void
}

export interface Netsim {
  url: string
  port: number
  profile(): NetsimProfile
  /** Switches the profile live; throws ProfileError for a bad spec. */
  setProfile(spec: string | NetsimProfile): NetsimProfile
  stats(): NetsimStats
  close(): Promise<void>
}

/**
 * A real network degrader: an HTTP and WebSocket proxy in front of `target`
 * whose behaviour follows a profile that can change while it runs.
 */
export async function createNetsim(options: NetsimOptions): Promise<Netsim> {
  const target = new URL(options.target)
  if (target.protocol !== 'http:') throw new ProfileError(`target must be an http:// URL, not ${options.target}`)
  const targetPort = Number(target.port || 80)
  const targetHost = target.hostname.replace(/^\[|\]$/g, '')
  const log = options.log ?? (() => {})
  const random = options.random ?? Math.random
  let current: NetsimProfile =
    typeof options.profile === 'string' ? parseProfile(options.profile) : (options.profile ?? CLEAN)
  const stats: NetsimStats = { httpRequests: 0, websocketsOpened: 0, websocketsRefused: 0, websocketsCut: 0, resets: 0 }
  const clientSockets = new Set<Socket>()
  const websockets = new Set<WebsocketLink>()
  const agent = new Agent({ keepAlive: true })
  const shaper = (): Shaper => new Shaper(() => current, random)
  const coinFlip = (): boolean => current.flaky > 0 && random() < current.flaky

  function cutWebsockets(reason: string): void {
    const count = websockets.size
    for (const link of [...websockets]) link.drop()
    if (count > 0) log(`netsim: cut ${count} WebSocket(s): ${reason}`)
    stats.websocketsCut += count
  }

  function apply(next: NetsimProfile): void {
    const before = describeProfile(current)
    current = next
    log(`netsim: profile ${before} → ${describeProfile(next)}`)
    if (next.offline) {
      cutWebsockets('offline')
      for (const socket of clientSockets) socket.destroy()
    } else if (next.blockWebsocket) cutWebsockets('WebSocket blocked')
    else if (next.killWebsocketAfterMs !== null) for (const link of websockets) armKillTimer(link)
  }

  function armKillTimer(link: WebsocketLink): void {
    if (link.timer || current.killWebsocketAfterMs === null) return
    link.timer = setTimeout(() => {
      stats.websocketsCut++
      log('netsim: cut a WebSocket (kill-websocket-after)')
      link.drop()
    }, current.killWebsocketAfterMs)
  }

  function control(req: IncomingMessage, res: ServerResponse): void {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET') return reply(200, { profile: describeProfile(current), stats })
    if (req.method !== 'POST' && req.method !== 'PUT') return reply(405, { error: 'use GET, or POST a profile' })
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > 1024) req.destroy()
    })
    req.on('end', () => {
      try {
        apply(parseProfile(body))
        reply(200, { profile: describeProfile(current) })
      } catch (error) {
        reply(400, { error: (error as Error).message })
      }
    })
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    if (req.url === CONTROL_PATH || req.url?.startsWith(`${CONTROL_PATH}?`)) return control(req, res)
    if (current.offline || coinFlip()) {
      stats.resets++
      req.socket.destroy()
      return
    }
    stats.httpRequests++
    const upstream = httpRequest({
      host: targetHost,
      port: targetPort,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent,
    })
    upstream.on('response', (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers)
      pipeline(response, shaper(), res, () => {})
    })
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' })
      res.end('netsim: upstream unreachable\n')
    })
    pipeline(req, shaper(), upstream, () => {})
  }

  const server = createServer(forward)
  server.on('connection', (socket: Socket) => {
    if (current.offline) {
      socket.destroy()
      return
    }
    clientSockets.add(socket)
    socket.on('close', () => clientSockets.delete(socket))
  })

  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    if (current.offline || current.blockWebsocket) {
      stats.websocketsRefused++
      client.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    if (coinFlip()) {
      stats.resets++
      client.destroy()
      return
    }
    const upstream = connect(targetPort, targetHost)
    const drop = (): void => {
      if (link.timer) clearTimeout(link.timer)
      websockets.delete(link)
      client.destroy()
      upstream.destroy()
    }
    const link: WebsocketLink = { client, upstream, timer: null, drop }
    websockets.add(link)
    stats.websocketsOpened++
    armKillTimer(link)
    upstream.on('connect', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`]
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`)
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (head.length > 0) upstream.write(head)
      pipeline(upstream, shaper(), client, drop)
      pipeline(client, shaper(), upstream, drop)
    })
    upstream.on('error', drop)
    client.on('error', drop)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = options.host ?? '127.0.0.1'
  log(`netsim: http://${host}:${port} → ${target.origin} (${describeProfile(current)})`)

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    profile: () => current,
    setProfile(spec) {
      apply(typeof spec === 'string' ? parseProfile(spec) : spec)
      return current
    },
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        cutWebsockets('closing')
        for (const socket of clientSockets) socket.destroy()
        agent.destroy()
        server.close(() => resolve())
      }),
  }
}
