import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Server } from 'socket.io'
import {
  LIMITS,
  PROTOCOL_VERSION,
  removalNotice,
  type HealthReport,
  type HistoryPage,
  type ServerInfo,
} from '../protocol'
import type { ServerContext } from './context'
import { fileHandlers } from './files/file-handlers'
import { createFileStore } from './files/file-store'
import { createHttpHandler } from './http/http-handler'
import { LabLinks } from './lab/lab-links'
import { lanUrls } from './lan-urls'
import { createMessageFanout, DEFAULT_FANOUT, type FanoutOptions } from './messages/message-fanout'
import { moderationHandlers } from './moderation/moderation-handlers'
import { createRemovals } from './moderation/removals'
import { createSqliteRemovalStore } from './moderation/sqlite-removal-store'
import { createSlowMode } from './rooms/slow-mode'
import { messageHandlers } from './messages/message-handlers'
import { pinHandlers } from './messages/pin-handlers'
import { savedHandlers } from './messages/saved-handlers'
import { createSqliteSavedMessages } from './messages/saved-messages'
import { scheduledHandlers } from './messages/scheduled-handlers'
import { createSqliteScheduledMessages } from './messages/scheduled-messages'
import { createScheduledSender } from './messages/scheduled-sender'
import { pollHandlers } from './messages/poll-handlers'
import { receiptHandlers } from './messages/read-receipts'
import { createSqliteReadMarks } from './messages/read-marks'
import { createSqliteMessageStore } from './messages/sqlite-message-store'
import { createPresenceFanout } from './presence/presence-fanout'
import { createTypingFanout } from './presence/typing-fanout'
import { createSqliteLastSeen } from './presence/last-seen'
import { createSqliteStatuses } from './presence/statuses'
import { createSqliteIgnoredPeople } from './presence/ignored-people'
import { ignoreHandlers } from './presence/ignore-handlers'
import { presenceHandlers, presenceTracker } from './presence/presence-handlers'
import { PresenceRegistry, transportOf } from './presence/presence-registry'
import { ProbeChannels } from './probe/probe-channels'
import { attachProbes } from './probe/probe-namespace'
import { roomHandlers } from './rooms/room-handlers'
import { createSqliteRoomLevels } from './rooms/room-levels'
import { createSqliteRoomFavourites } from './rooms/room-favourites'
import { createSqliteHiddenDms } from './rooms/hidden-dms'
import { hiddenDmHandlers } from './rooms/hidden-dm-handlers'
import { createSqlitePictures } from './presence/profile-pictures'
import { pictureHandlers } from './presence/picture-handlers'
import { createSqliteRoomStore } from './rooms/sqlite-room-store'
import { createDeviceLinks } from './session/device-links'
import { sessionHandlers } from './session/session-handlers'
import { createCorsOptions, createOriginCheck, createOriginRule, passwordMiddleware } from './socket/access-control'
import { attachRequests, requestTable } from './socket/handle'
import { createRateLimits, type RateLimitOptions } from './socket/rate-limits'
import { SingleUseSessionAdapter } from './socket/single-use-sessions'
import type { ParleyIo } from './socket/types'
import { openDatabase } from './storage/database'
import { PARLEY_VERSION } from './version'
import { announceServer } from './discovery/announce'
import { createSqliteEmojiPrefs, emojiPrefsHandlers } from './session/emoji-prefs'
import type { MdnsOptions } from './discovery/mdns'

export interface ParleyServerOptions {
  /** Folder for the SQLite database; created if missing. */
  dataDir: string
  /** 0 picks a free port. Default 3000. */
  port?: number
  /** Default `0.0.0.0`: every interface, so the LAN can join. */
  host?: string
  /** Shown to clients and in /healthz. */
  name?: string
  /** A line about the server, shown on the join screen (and in /healthz); none by default. */
  about?: string
  /** The built renderer to serve at `/`, or null for none. */
  webRoot?: string | null
  /** Origins besides the desktop app allowed to connect across origins (e.g. a dev server). */
  extraOrigins?: string[]
  /**
   * Lab mode: each web client may open its own netsim link (`POST /lab/links`)
   * to degrade its connection on purpose. Cross-origin requests from the
   * links' ports are then allowed.
   */
  lab?: boolean
  /** Per-connection limits; the protocol's LIMITS by default. */
  rateLimits?: Partial<RateLimitOptions>
  /**
   * Serve public rooms' history over plain HTTP (`GET /api/rooms/<id>/messages?after=<id>`),
   * for short-polling clients and the benchmark. On by default; always off with a password.
   */
  restHistory?: boolean
  /** When large rooms gather bursts of messages, and large servers bursts of presence, into one packet. */
  fanout?: Partial<FanoutOptions>
  /** Free disk space that files never take (512 MiB by default): the database needs room too. */
  fileSpaceReserveBytes?: number
  /** A password everyone must give to connect; none by default. */
  password?: string
  /** A password that makes whoever gives it on joining a moderator (deleting anyone's message in public rooms); none by default. */
  moderatorPassword?: string
  /** How often everyone online is noted as seen, so a crash costs "last seen" at most this much (5 minutes by default). */
  lastSeenEveryMs?: number
  /** How often statuses whose time has come are cleared, and everyone told (10 seconds by default). */
  statusSweepEveryMs?: number
  /**
   * Announce the server on the LAN over mDNS (DNS-SD `_parley._tcp`), so
   * desktop apps list it on their join screen; settings for multicast-dns
   * (tests hand it an in-memory network). Off by default: the CLI and "Host on
   * this computer" turn it on unless they listen on loopback only.
   */
  announce?: boolean | MdnsOptions
  /** Called with errors a handler did not expect; the server keeps running. */
  onError?: (error: unknown) => void
}

export interface ParleyServer {
  /** A URL this machine can reach the server at. */
  url: string
  port: number
  host: string
  /** One URL per LAN interface, for people on other machines. */
  lanUrls: string[]
  io: ParleyIo
  httpServer: HttpServer
  close(): Promise<void>
}

/** Thrown when the server cannot listen; the CLI prints its message. */
export class ListenError extends Error {
  override name = 'ListenError'
}

export async function createParleyServer(options: ParleyServerOptions): Promise<ParleyServer> {
  const {
    dataDir,
    port = 3000,
    host = '0.0.0.0',
    name = 'Parley',
    webRoot = null,
    extraOrigins = [],
    lab = false,
  } = options
  const onError = options.onError ?? ((error: unknown) => console.error('parley: unexpected error', error))
  const startedAt = Date.now()
  const about = options.about?.trim() || undefined
  const info: ServerInfo = {
    name,
    protocol: PROTOCOL_VERSION,
    ...(about && { about }),
    version: PARLEY_VERSION,
    ...(options.moderatorPassword !== undefined && { moderated: true as const }),
  }

  const db = openDatabase(dataDir)
  // The request handler must exist before Socket.IO attaches: engine.io wraps
  // the listeners it finds, answering its own path and passing on the rest.
  const httpServer = createServer((req, res) => handleHttp(req, res))
  // A peer that trickles its headers or body cannot hold a connection for long.
  httpServer.headersTimeout = 10_000
  httpServer.requestTimeout = 30_000
  const originAllowed = createOriginRule(extraOrigins, lab)
  const io: ParleyIo = new Server(httpServer, {
    // Both transports stay on: every session starts on long-polling and upgrades.
    transports: ['polling', 'websocket'],
    maxHttpBufferSize: LIMITS.maxPacketBytes,
    // No gzip of long-polling responses: a broadcast would be compressed once
    // per polling client, and on a LAN the CPU is scarcer than the bandwidth
    // (WebSocket frames are not compressed either; see bench/results/HISTORY.md).
    httpCompression: false,
    // The desktop app's own scheme needs CORS, and so, in lab mode, does a page
    // talking through its link on another port: one rule decides both.
    cors: createCorsOptions(originAllowed),
    allowRequest: createOriginCheck(originAllowed),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
    // Each session restored at most once (see the adapter for why).
    adapter: SingleUseSessionAdapter,
  })

  const fanout = { ...DEFAULT_FANOUT, ...options.fanout }
  const ctx: ServerContext = {
    io,
    info,
    rooms: createSqliteRoomStore(db),
    messages: createSqliteMessageStore(db, onError),
    readMarks: createSqliteReadMarks(db),
    saved: createSqliteSavedMessages(db),
    roomLevels: createSqliteRoomLevels(db),
    roomFavourites: createSqliteRoomFavourites(db),
    hiddenDms: createSqliteHiddenDms(db),
    pictures: createSqlitePictures(db),
    emojiPrefs: createSqliteEmojiPrefs(db),
    lastSeen: createSqliteLastSeen(db),
    statuses: createSqliteStatuses(db),
    ignored: createSqliteIgnoredPeople(db),
    files: createFileStore(db, join(dataDir, 'files'), { reserveBytes: options.fileSpaceReserveBytes }),
    messageFanout: createMessageFanout(io, fanout),
    presence: new PresenceRegistry(),
    presenceFanout: createPresenceFanout(io, fanout),
    typingFanout: createTypingFanout(io, fanout),
    devices: createDeviceLinks(db),
    moderatorPassword: options.moderatorPassword,
    removals: createRemovals(Date.now, createSqliteRemovalStore(db)),
    slowMode: createSlowMode(),
    onError,
    limits: createRateLimits(options.rateLimits),
  }
  // One check, and one count of wrong guesses, for the chat and the probes.
  const checkPassword = options.password ? passwordMiddleware(options.password) : undefined
  const hasPassword = checkPassword !== undefined
  if (checkPassword) io.use(checkPassword)
  const probes = new ProbeChannels()
  attachProbes(io, probes, { checkPassword, requests: ctx.limits.requests, onError })

  const health = (): HealthReport => {
    const connections = { polling: 0, websocket: 0, total: 0 }
    for (const socket of io.of('/').sockets.values()) {
      connections[transportOf(socket)]++
      connections.total++
    }
    const uptimeSeconds = Math.round((Date.now() - startedAt) / 1000)
    const members = ctx.presence.size
    return {
      status: 'ok',
      name,
      ...(about && { about }),
      version: PARLEY_VERSION,
      uptimeSeconds,
      connections,
      members,
      password: hasPassword,
      moderated: options.moderatorPassword !== undefined,
      lab,
    }
  }
  // Lab links need the bound port, so they are made once listening.
  let labLinks: LabLinks | null = null
  const restHistory = (options.restHistory ?? true) && !options.password
  const history = (roomId: string, after: number, limit: number): HistoryPage | null => {
    const room = ctx.rooms.get(roomId)
    return room?.kind === 'room' ? ctx.messages.page(room.id, { after, limit }) : null
  }
  const handleHttp = createHttpHandler({
    webRoot,
    health,
    history: restHistory ? history : null,
    lab: () => labLinks,
    // A removed room's files go with it: its messages are reachable by nobody, so its links are too.
    files: (id) => {
      const found = ctx.files.download(id)
      return found && ctx.rooms.get(found.file.roomId) ? found : null
    },
    probes,
    pictures: (key) => ctx.pictures.get(key),
    originAllowed,
  })
  // Uploads that no message carried: at start, then every ten minutes.
  const sweepFiles = (): void => void ctx.files.sweep().catch(onError)
  sweepFiles()
  const noteOnline = (): void =>
    ctx.lastSeen.noteAll(
      ctx.presence.members().map((member) => member.name),
      Date.now(),
    )
  // Statuses set to clear themselves ("until 15:30"): gone for everyone within a sweep of their time.
  const clearStatuses = (): void => {
    for (const key of ctx.statuses.sweep(Date.now())) {
      ctx.presence.setStatus(key, { text: '' })
      const member = ctx.presence.find(key)
      if (member) ctx.presenceFanout.updated(member)
    }
  }
  // Scheduled messages go out at their time, from the first one due at start.
  const scheduled = createSqliteScheduledMessages(db)
  const scheduledSender = createScheduledSender(ctx, scheduled)
  scheduledSender.wake()
  const chores = [
    setInterval(sweepFiles, 10 * 60 * 1000).unref(),
    setInterval(noteOnline, options.lastSeenEveryMs ?? 5 * 60 * 1000).unref(),
    setInterval(clearStatuses, options.statusSweepEveryMs ?? 10_000).unref(),
  ]

  // Made once: every connection shares the same listeners.
  const requests = requestTable(
    sessionHandlers(ctx),
    roomHandlers(ctx),
    messageHandlers(ctx),
    pinHandlers(ctx),
    savedHandlers(ctx),
    pollHandlers(ctx),
    receiptHandlers(ctx),
    fileHandlers(ctx),
    presenceHandlers(ctx),
    moderationHandlers(ctx),
    emojiPrefsHandlers(ctx),
    scheduledHandlers(ctx, scheduled, scheduledSender),
    ignoreHandlers(ctx),
    hiddenDmHandlers(ctx),
    pictureHandlers(ctx),
  )
  const trackPresence = presenceTracker(ctx)
  io.on('connection', (socket) => {
    attachRequests(socket, requests)
    trackPresence(socket)
    // Through the adapter, so the packet carries a recovery offset (see 'server:hello').
    io.to(socket.id).emit('server:hello', info)
    // A recovered session comes back with its name and rooms: put it back online.
    const name = socket.data.name
    if (socket.recovered && name !== undefined && socket.data.token !== undefined) {
      const { token, device = token } = socket.data
      const end = (reason: string): void => {
        socket.emit('session:ended', { reason })
        socket.data.name = undefined
        socket.disconnect(true)
      }
      // Removed by a moderator while away: the session must not outlive the removal.
      const removal = ctx.removals.barring({ name, device, address: socket.handshake.address })
      if (removal) return end(removalNotice(removal, Date.now()))
      const claim = ctx.presence.claim(name, { token, device }, socket, ctx.devices.linked)
      if (claim.ok) {
        const member = ctx.presence.find(name)!
        if (claim.joined) ctx.presenceFanout.joined(member, socket)
        else ctx.presenceFanout.updated(member, socket)
        // The replay above holds this person's own departure, as everyone saw
        // it; their own list must have them back, on the transport they have now.
        socket.emit('presence:joined', member)
      } else {
        // Someone else took the name while this connection was away: say so, rather than just close.
        end(`While you were away, someone else joined as "${name}"`)
      }
    }
  })

  await listen(httpServer, port, host).catch((error: unknown) => {
    chores.forEach(clearInterval)
    scheduledSender.stop()
    db.close()
    io.close()
    throw error
  })
  const boundPort = (httpServer.address() as AddressInfo).port
  // Joins answer with it, so the app can invite others (a QR code for phones).
  info.lanUrls = lanUrls(host, boundPort)
  const localHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  const url = `http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${boundPort}`
  if (lab) labLinks = new LabLinks(url, host)
  const { announce = false } = options
  const announcement = announce
    ? announceServer(
        { name, port: boundPort, password: options.password !== undefined, version: PARLEY_VERSION, about },
        (error) => onError(new Error(`announcing the server on the LAN failed: ${error.message}`)),
        announce === true ? {} : announce,
      )
    : undefined

  /**
   * Graceful shutdown: stop accepting, send the bursts large rooms are still
   * gathering, tell every client the server is restarting (they reconnect by
   * themselves), let those packets drain, then commit the messages still
   * waiting for their batch and close the database.
   */
  async function shutDown(): Promise<void> {
    // Gone from every join screen at once, rather than when the announcement would have expired.
    await announcement?.stop()
    httpServer.close()
    chores.forEach(clearInterval)
    scheduledSender.stop()
    ctx.messageFanout.flush()
    ctx.presenceFanout.flush()
    ctx.typingFanout.flush()
    io.emit('server:shutdown', { reason: 'The server is restarting' })
    io.disconnectSockets(true)
    await engineDrained(io, SHUTDOWN_DRAIN_MS)
    await labLinks?.closeAll()
    await new Promise<void>((resolve) => io.close(() => resolve()))
    ctx.messages.flush()
    db.close()
  }

  let closing: Promise<void> | undefined
  return {
    url,
    port: boundPort,
    host,
    lanUrls: info.lanUrls,
    io,
    httpServer,
    close() {
      closing ??= shutDown()
      return closing
    },
  }
}

/** Longest a shutdown waits for clients to receive their goodbye. */
const SHUTDOWN_DRAIN_MS = 2000

/** Resolves once every Engine.IO connection has closed, or after `ms`. */
function engineDrained(io: ParleyIo, ms: number): Promise<void> {
  if (io.engine.clientsCount === 0) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    // engine.io keeps its connections in a protected map; only their close events are read.
    const engine = io.engine as unknown as {
      clients: Record<string, { once(event: 'close', listener: () => void): void }>
    }
    const clients = Object.values(engine.clients)
    let open = clients.length
    for (const client of clients) {
      client.once('close', () => {
        if (--open === 0) {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })
}

function listen(server: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening)
      if (error.code === 'EADDRINUSE') reject(new ListenError(`port ${port} is already in use on ${host}`))
      else if (error.code === 'EACCES') reject(new ListenError(`no permission to listen on port ${port}`))
      else if (error.code === 'EADDRNOTAVAIL') reject(new ListenError(`address ${host} is not on this machine`))
      else reject(new ListenError(`cannot listen on ${host}:${port} (${error.code ?? error.message})`))
    }
    const onListening = (): void => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}
