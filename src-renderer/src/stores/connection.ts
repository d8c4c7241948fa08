import { defineStore } from 'pinia'
import { ref } from 'vue'
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

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected'
type ServerEvent = keyof ServerToClientEvents
type AnyListener = (...args: never[]) => void

export const REQUEST_TIMEOUT_MS = 10_000

/**
 * The one socket. Other stores subscribe through `on` and talk through
 * `request`; components never see the socket.
 */
export const useConnectionStore = defineStore('connection', () => {
  const status = ref<ConnectionStatus>('disconnected')
  /** Empty while no engine is open. */
  const transport = ref<TransportName | ''>('')
  /** Why the transport is what it is, in words. */
  const transportReason = ref('')
  const serverUrl = ref('')
  const lastError = ref('')
  /** Whether the last reconnect restored the session (Socket.IO state recovery). */
  const recovered = ref(false)

  let socket: ClientSocket | null = null
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

  function trackEngine(client: ClientSocket): void {
    const engine = client.io.engine
    transport.value = engine.transport.name as TransportName
    transportReason.value = 'Handshake over HTTP long-polling; probing WebSocket'
    engine.on('upgrade', (upgraded: { name: string }) => {
      transport.value = upgraded.name as TransportName
      transportReason.value = 'Upgraded to WebSocket after the polling handshake'
    })
    engine.on('upgradeError', (error: Error) => {
      transportReason.value = `WebSocket upgrade failed (${error.message}); staying on long-polling`
    })
  }

  function connect(url: string): ClientSocket {
    disconnect()
    serverUrl.value = url
    status.value = 'connecting'
    lastError.value = ''
    // Socket.IO's default negotiation: long-polling first, then the upgrade.
    const client: ClientSocket = io(url, {
      transports: ['polling', 'websocket'],
      autoConnect: false,
      reconnectionDelayMax: 10_000,
    })
    for (const [event, set] of listeners) for (const listener of set) client.on(event, listener as never)
    // Every reconnect builds a new engine: follow each one.
    client.io.on('open', () => trackEngine(client))
    client.io.on('close', (reason: string) => {
      transport.value = ''
      transportReason.value = `Transport closed: ${reason}`
    })
    client.io.on('reconnect_attempt', () => {
      if (status.value !== 'connected') status.value = 'reconnecting'
    })
    client.on('connect', () => {
      status.value = 'connected'
      recovered.value = client.recovered
      lastError.value = ''
      for (const handler of connectHandlers) handler({ recovered: client.recovered })
    })
    client.on('disconnect', (reason) => {
      // `active` means Socket.IO will reconnect by itself.
      status.value = client.active ? 'reconnecting' : 'disconnected'
      lastError.value = reason
    })
    client.on('connect_error', (error) => {
      lastError.value = error.message
      if (!client.active) status.value = 'disconnected'
    })
    socket = client
    client.connect()
    return client
  }

  function disconnect(): void {
    socket?.disconnect()
    socket?.removeAllListeners()
    socket = null
    status.value = 'disconnected'
    transport.value = ''
  }

  /** Waits for the first connect, or fails with the reason it could not. */
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
      const onError = (error: Error): void => done(new Error(`Could not reach ${serverUrl.value} (${error.message})`))
      const timer = setTimeout(() => done(new Error(`Could not reach ${serverUrl.value} (timed out)`)), timeoutMs)
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
    serverUrl,
    lastError,
    recovered,
    connect,
    disconnect,
    waitForConnection,
    request,
    on,
    onConnect,
  }
})
