import { defineStore } from 'pinia'
import { ref, shallowRef, triggerRef } from 'vue'
import { io, type Socket } from 'socket.io-client'
import type {
  AckError,
  ClientToServerEvents,
  RequestEvent,
  RequestOf,
  ResponseOf,
  ServerToClientEvents,
  TransportName,
} from '../../../protocol'
import {
  ConnectionTimeline,
  emptyTraffic,
  packetBytes,
  type TimelineEntry,
  type TrafficStats,
} from '../lib/connection-timeline'
import { DEFAULT_HEALER_OPTIONS, UpgradeHealer, type HealerOptions } from '../lib/upgrade-healer'
import { logPacket, type PacketEntry } from '../lib/packet-log'

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected'
type ServerEvent = keyof ServerToClientEvents
type AnyListener = (...args: never[]) => void

export const REQUEST_TIMEOUT_MS = 10_000
/** How often the app-level ping measures the round trip. */
export const RTT_INTERVAL_MS = 5_000

export interface ConnectOptions {
  healer?: Partial<HealerOptions>
  /** The server's shared password, if it has one. */
  password?: string
}

/**
 * The one socket, and everything known about how it is connected. Other
 * stores subscribe through `on` and talk through `request`; components never
 * see the socket.
 */
export const useConnectionStore = defineStore('connection', () => {
  const status = ref<ConnectionStatus>('disconnected')
  /** Empty while no engine is open. */
  const transport = ref<TransportName | ''>('')
  /** Why the transport is what it is, in words. */
  const transportReason = ref('')
  const sessionId = ref('')
  const lastError = ref('')
  /** Whether the last reconnect restored the session (Socket.IO state recovery). */
  const recovered = ref(false)
  const rttMs = ref<number | null>(null)
  const timeline = shallowRef<TimelineEntry[]>([])
  const traffic = ref<TrafficStats>(emptyTraffic())
  /** The last Engine.IO packets, on every engine of this connection, oldest first. */
  const packets = shallowRef<PacketEntry[]>([])
  /** A word from the server about the connection, such as "restarting". */
  const notice = ref('')

  let socket: ClientSocket | null = null
  /** Where the socket connects (its netsim link, if any) and with what password. */
  let target: { url: string; password?: string } | null = null
  let healer: UpgradeHealer | null = null
  let rttTimer: ReturnType<typeof setInterval> | null = null
  let disconnectedAt = 0
  const recorder = new ConnectionTimeline(() => {
    timeline.value = recorder.entries
    triggerRef(timeline)
  })
  const listeners = new Map<ServerEvent, Set<AnyListener>>()
  const connectHandlers = new Set<(info: { recovered: boolean }) => void>()

  function on<E extends ServerEvent>(event: E, listener: ServerToClientEvents[E]): () => void {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener as AnyListener)
    socket?.on(event, listener as never)
    return () => {
      set.delete(listener as AnyListener)
      socket?.off(event, listener as never)
    }
  }

  /** Runs on every connect, including each reconnect. */
  function onConnect(handler: (info: { recovered: boolean }) => void): () => void {
    connectHandlers.add(handler)
    return () => connectHandlers.delete(handler)
  }

  function count(direction: 'sent' | 'received', packet: { data?: unknown }): void {
    const name = transport.value
    if (!name) return
    const counters = traffic.value[name]
    if (direction === 'sent') {
      counters.packetsSent++
      counters.bytesSent += packetBytes(packet)
    } else {
      counters.packetsReceived++
      counters.bytesReceived += packetBytes(packet)
    }
  }

  type Engine = ClientSocket['io']['engine']
  const logged = new WeakSet<Engine>()
  /**
   * Logs an engine's packets. Called as soon as the engine exists, before
   * its handshake answers, so the log starts with the handshake itself.
   */
  function logPackets(engine: Engine | undefined): void {
    if (!engine || logged.has(engine)) return
    logged.add(engine)
    type Packet = { type: string; data?: unknown }
    const log = (direction: PacketEntry['direction'], packet: Packet, on = engine.transport.name): void => {
      logPacket(packets.value, direction, on as TransportName, packet)
      triggerRef(packets)
    }
    engine.on('packetCreate', (packet: Packet) => log('sent', packet))
    engine.on('packet', (packet: Packet) => log('received', packet))
    // The upgrade's own packets go over the new transport before the engine takes it, so it emits
    // none of them: the probe is logged as its answer arrives, the switch as it is sent.
    engine.on('upgrading', ({ name }: { name: string }) => {
      log('sent', { type: 'ping', data: 'probe' }, name)
      log('received', { type: 'pong', data: 'probe' }, name)
    })
    engine.on('upgrade', ({ name }: { name: string }) => log('sent', { type: 'upgrade' }, name))
  }

  /** Follows one engine: Socket.IO builds a new one on every reconnect. */
  function trackEngine(client: ClientSocket): void {
    const engine = client.io.engine
    logPackets(engine)
    transport.value = engine.transport.name as TransportName
    sessionId.value = engine.id ?? ''
    recorder.handshake(sessionId.value, engine.transport.name)
    if (client.io.opts.upgrade !== false) {
      recorder.add('probe', 'Upgrade probe started: WebSocket on the same session')
      transportReason.value = 'Handshake over HTTP long-polling; probing WebSocket'
    } else {
      transportReason.value = `Staying on long-polling: ${healer?.reason ?? 'upgrades off'}`
    }
    engine.on('upgrade', (upgraded: { name: string }) => {
      transport.value = upgraded.name as TransportName
      transportReason.value = 'Upgraded to WebSocket after the polling handshake'
      recorder.add('upgrade', `Upgraded to ${upgraded.name}`)
    })
    engine.on('upgradeError', (error: Error) => {
      transportReason.value = `WebSocket upgrade blocked or failed (${error.message}); working on long-polling`
      recorder.add('upgrade-error', `Upgrade failed: ${error.message}`)
    })
    engine.on('packetCreate', (packet: { data?: unknown }) => count('sent', packet))
    engine.on('packet', (packet: { data?: unknown }) => count('received', packet))
    engine.on('close', (reason: string, description?: unknown) => {
      const detail = description instanceof Error ? `: ${description.message}` : ''
      recorder.add('close', `${engine.transport?.name ?? 'Transport'} closed: ${reason}${detail}`)
    })
    healer?.attach(engine)
  }

  function startRtt(): void {
    stopRtt()
    const measure = async (): Promise<void> => {
      const sentAt = performance.now()
      const result = await request('session:ping', { sentAt }, RTT_INTERVAL_MS)
      if ('data' in result) rttMs.value = Math.round((performance.now() - result.data.sentAt) * 10) / 10
    }
    void measure()
    rttTimer = setInterval(() => void measure(), RTT_INTERVAL_MS)
  }

  function stopRtt(): void {
    if (rttTimer) clearInterval(rttTimer)
    rttTimer = null
  }

  function connect(url: string, options: ConnectOptions = {}): ClientSocket {
    disconnect()
    status.value = 'connecting'
    lastError.value = ''
    traffic.value = emptyTraffic()
    packets.value = []
    // Socket.IO's default negotiation: long-polling first, then the upgrade.
    const client: ClientSocket = io(url, {
      transports: ['polling', 'websocket'],
      autoConnect: false,
      reconnectionDelayMax: 10_000,
      auth: options.password ? { password: options.password } : {},
    })
    target = { url, password: options.password }
    let shuttingDown = false
    client.on('server:shutdown', ({ reason }) => {
      shuttingDown = true
      notice.value = `${reason}: reconnecting when it is back`
      recorder.add('close', `Server shutting down: ${reason}`)
    })
    healer = new UpgradeHealer(
      client.io,
      { ...DEFAULT_HEALER_OPTIONS, ...options.healer },
      {
        fallback: (reason) => {
          transportReason.value = `${reason}; working on long-polling`
          recorder.add('fallback', `Fell back to long-polling: ${reason}`)
        },
        healScheduled: (delay, attempt) =>
          recorder.add(
            'heal-scheduled',
            `Will retry the upgrade in ${Math.round(delay / 100) / 10} s (attempt ${attempt})`,
          ),
        probe: (reason) => recorder.add('probe', reason),
      },
    )
    for (const [event, set] of listeners) for (const listener of set) client.on(event, listener as never)
    client.io.on('open', () => trackEngine(client))
    client.io.on('close', (reason: string) => {
      transport.value = ''
      transportReason.value = `Transport closed: ${reason}`
    })
    client.io.on('reconnect_attempt', (attempt: number) => {
      if (status.value !== 'connected') status.value = 'reconnecting'
      const waited = disconnectedAt ? ` after ${((Date.now() - disconnectedAt) / 1000).toFixed(1)} s` : ''
      recorder.add('reconnect-attempt', `Reconnect attempt ${attempt}${waited}`)
      // The manager builds the attempt's engine right after this event: log it from its handshake on.
      queueMicrotask(() => logPackets(client.io.engine))
    })
    client.on('connect', () => {
      shuttingDown = false
      notice.value = ''
      status.value = 'connected'
      recovered.value = client.recovered
      lastError.value = ''
      recorder.add(
        'connect',
        client.recovered ? 'Connected; state recovery restored the session' : 'Connected (new session)',
      )
      startRtt()
      for (const handler of connectHandlers) handler({ recovered: client.recovered })
    })
    client.on('disconnect', (reason) => {
      // A server that said it is restarting disconnects everyone: come back.
      if (reason === 'io server disconnect' && shuttingDown) client.connect()
      // `active` means Socket.IO will reconnect by itself.
      status.value = client.active ? 'reconnecting' : 'disconnected'
      lastError.value = reason
      disconnectedAt = Date.now()
      rttMs.value = null
      stopRtt()
    })
    client.on('connect_error', (error) => {
      lastError.value = error.message
      if (!client.active) status.value = 'disconnected'
    })
    socket = client
    client.connect()
    logPackets(client.io.engine)
    return client
  }

  function disconnect(): void {
    stopRtt()
    healer?.dispose()
    healer = null
    socket?.disconnect()
    socket?.removeAllListeners()
    socket?.io.removeAllListeners()
    socket = null
    target = null
    status.value = 'disconnected'
    transport.value = ''
    sessionId.value = ''
    rttMs.value = null
  }

  /** Where this connection goes, for other connections that must take the same way (the transport comparison). */
  function endpoint(): { url: string; password?: string } | null {
    return target
  }

  /** Waits for the first connect, or fails with the reason it could not (e.g. "xhr poll error"). */
  function waitForConnection(timeoutMs = REQUEST_TIMEOUT_MS): Promise<void> {
    const client = socket
    if (!client) return Promise.reject(new Error('Not connected to a server'))
    if (client.connected) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const done = (error?: Error): void => {
        clearTimeout(timer)
        client.off('connect', onOk)
        client.off('connect_error', onError)
        if (error) reject(error)
        else resolve()
      }
      const onOk = (): void => done()
      const onError = (error: Error): void => done(error)
      const timer = setTimeout(() => done(new Error('timed out')), timeoutMs)
      client.once('connect', onOk)
      client.once('connect_error', onError)
    })
  }

  /** Sends a request and resolves with its ack, or with a TIMEOUT/DISCONNECTED error. */
  async function request<E extends RequestEvent>(
    event: E,
    payload: RequestOf<E>,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<ResponseOf<E>> {
    const client = socket
    if (!client) return { error: 'DISCONNECTED', message: 'Not connected to a server' } satisfies AckError as never
    const timed = client.timeout(timeoutMs)
    const emit = timed.emitWithAck as (event: E, payload: RequestOf<E>) => Promise<ResponseOf<E>>
    try {
      return await emit.call(timed, event, payload)
    } catch {
      return { error: 'TIMEOUT', message: 'The server did not answer in time' } satisfies AckError as never
    }
  }

  return {
    status,
    transport,
    transportReason,
    sessionId,
    lastError,
    recovered,
    rttMs,
    notice,
    timeline,
    traffic,
    packets,
    connect,
    disconnect,
    waitForConnection,
    request,
    endpoint,
    on,
    onConnect,
  }
})
