import { RateLimiterMemory } from 'rate-limiter-flexible'
import type { Namespace, Socket } from 'socket.io'
import {
  PROBE_LIMITS,
  PROBE_NAMESPACE,
  type InterServerEvents,
  type ProbeClientToServerEvents,
  type ProbeServerToClientEvents,
} from '../../protocol'
import { probeJoinSchema, probeSendSchema } from '../../protocol/schemas'
import { z } from 'zod'
import { requestListener, type HandlerOptions } from '../socket/handle'
import type { ParleyIo } from '../socket/types'
import type { ProbeChannels } from './probe-channels'

/** A probe connection keeps the channel it sends to; it never has a name. */
interface ProbeSocketData {
  name?: undefined
  channel?: string
}

type ProbeSocket = Socket<ProbeClientToServerEvents, ProbeServerToClientEvents, InterServerEvents, ProbeSocketData>
type ProbeNamespace = Namespace<
  ProbeClientToServerEvents,
  ProbeServerToClientEvents,
  InterServerEvents,
  ProbeSocketData
>

export interface ProbeOptions {
  /** The main namespace's check (and its count of wrong guesses), when the server has a password. */
  checkPassword?: (socket: Pick<ProbeSocket, 'handshake'>, next: (error?: Error) => void) => void
  /** Every request from one connection, shared with the main namespace's limit. */
  requests: RateLimiterMemory
  onError: (error: unknown) => void
}

const noPayload = z.undefined()

/**
 * The transport comparison's namespace (`/probe`): a sender opens a channel,
 * receivers join it over the transport they measure, and each probe goes to
 * them at once and is kept for short polling (`GET /probe/<channel>`).
 * Nothing is stored, and probers are neither members nor counted as
 * connections in /healthz.
 */
export function attachProbes(io: ParleyIo, channels: ProbeChannels, options: ProbeOptions): void {
  const probes = io.of(PROBE_NAMESPACE) as unknown as ProbeNamespace
  if (options.checkPassword) probes.use(options.checkPassword)
  const sends = new RateLimiterMemory({ points: PROBE_LIMITS.probesPerSecond, duration: 1 })
  const common: HandlerOptions = { requiresSession: false, onError: options.onError, limiters: [options.requests] }

  const open = requestListener(
    noPayload,
    (socket: ProbeSocket) => {
      const channel = socket.data.channel ?? channels.open()
      if (!channel) {
        return {
          error: 'RATE_LIMITED',
          message: 'Too many comparisons are running on this server',
          retryAfterMs: 10_000,
        }
      }
      socket.data.channel = channel
      return { data: { channel } }
    },
    common,
  )
  const join = requestListener(
    probeJoinSchema,
    async (socket: ProbeSocket, { channel }) => {
      if (!channels.has(channel)) return { error: 'ROOM_NOT_FOUND', message: 'No such probe channel' }
      await socket.join(channel)
      return { data: {} }
    },
    common,
  )
  const send = requestListener(
    probeSendSchema,
    (socket: ProbeSocket, { seq }) => {
      const channel = socket.data.channel
      if (!channel) return { error: 'FORBIDDEN', message: 'Open a probe channel first' }
      channels.push(channel, seq)
      socket.to(channel).emit('probe:message', { seq })
      return { data: {} }
    },
    { ...common, limiters: [options.requests, sends] },
  )

  probes.on('connection', (socket) => {
    socket.on('probe:open', open as never)
    socket.on('probe:join', join as never)
    socket.on('probe:send', send as never)
    socket.on('disconnect', () => {
      if (socket.data.channel) channels.close(socket.data.channel)
    })
  })
}
