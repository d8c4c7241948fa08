import type { RateLimiterMemory } from 'rate-limiter-flexible'
import type { z } from 'zod'
import type { AckResult, ClientToServerEvents } from '../../protocol'
import { describeIssue } from '../../protocol/schemas'
import { spend } from './rate-limits'
import type { ParleySocket } from './types'

type Result<T> = AckResult<T> | Promise<AckResult<T>>

export interface HandlerOptions {
  /** Whether the socket must have joined a session first (all but session:join). */
  requiresSession?: boolean
  onError?: (error: unknown) => void
  /** Spent before the handler runs; when one is out, the ack is RATE_LIMITED. */
  limiters?: RateLimiterMemory[]
}

/** What a listener reads of its socket: the main namespace's, or the probes'. */
interface RequestSocket {
  id: string
  data: { name?: string }
}

/** A request event's listener, shared by every connection: the socket is `this`. */
export type RequestListener<Sock extends RequestSocket = ParleySocket> = (
  this: Sock,
  ...args: unknown[]
) => Promise<void>

/** A domain's request listeners, by event. */
export type RequestListeners = Partial<Record<keyof ClientToServerEvents, RequestListener>>

/** Every domain's listeners, gathered once per server for attaching to each connection. */
export type RequestTable = ReadonlyArray<readonly [keyof ClientToServerEvents, RequestListener]>

export function requestTable(...domains: RequestListeners[]): RequestTable {
  return domains.flatMap(
    (listeners) => Object.entries(listeners) as Array<[keyof ClientToServerEvents, RequestListener]>,
  )
}

/**
 * Makes one request event's listener, once per server. Types vanish at run
 * time, so the payload is parsed with its schema first; whatever happens, the
 * client gets `{data}` or `{error, message}` and the process never throws.
 * Shared rather than made per connection: a closure, its scope and its
 * options for every event on every socket were a large part of what an idle
 * connection cost (see bench/results/HISTORY.md).
 */
export function requestListener<S extends z.ZodType, T, Sock extends RequestSocket = ParleySocket>(
  schema: S,
  run: (socket: Sock, input: z.output<S>) => Result<T>,
  { requiresSession = true, onError, limiters = [] }: HandlerOptions = {},
): RequestListener<Sock> {
  return async function (this: Sock, ...args: unknown[]): Promise<void> {
    const last = args[args.length - 1]
    const ack = typeof last === 'function' ? (last as (result: AckResult<T>) => void) : undefined
    // The payload is the first argument, unless the ack is the only one.
    const payload = ack && args.length === 1 ? undefined : args[0]
    const reply = (result: AckResult<T>): void => ack?.(result)
    try {
      const limited = await spend(limiters, this.id)
      if (limited) return reply(limited)
      if (requiresSession && this.data.name === undefined) {
        return reply({ error: 'NOT_JOINED', message: 'Join with a display name first' })
      }
      const parsed = schema.safeParse(payload)
      if (!parsed.success) return reply({ error: 'INVALID_PAYLOAD', message: describeIssue(parsed.error) })
      reply(await run(this, parsed.data))
    } catch (error) {
      onError?.(error)
      reply({ error: 'INTERNAL', message: 'The server could not handle this request' })
    }
  }
}

/** Attaches a server's shared listeners to a new connection. */
export function attachRequests(socket: ParleySocket, table: RequestTable): void {
  for (const [event, listener] of table) socket.on(event, listener as never)
}
