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

/**
 * Binds one request event. Types vanish at run time, so the payload is parsed
 * with its schema first; whatever happens, the client gets `{data}` or
 * `{error, message}` and the process never throws.
 */
export function bindRequest<S extends z.ZodType, T>(
  socket: ParleySocket,
  event: keyof ClientToServerEvents,
  schema: S,
  run: (input: z.output<S>) => Result<T>,
  { requiresSession = true, onError, limiters = [] }: HandlerOptions = {},
): void {
  const listener = async (...args: unknown[]): Promise<void> => {
    const last = args[args.length - 1]
    const ack = typeof last === 'function' ? (last as (result: AckResult<T>) => void) : undefined
    const payload = ack ? args.slice(0, -1) : args
    const reply = (result: AckResult<T>): void => ack?.(result)
    try {
      const limited = await spend(limiters, socket.id)
      if (limited) return reply(limited)
      if (requiresSession && socket.data.name === undefined) {
        return reply({ error: 'NOT_JOINED', message: 'Join with a display name first' })
      }
      const parsed = schema.safeParse(payload[0])
      if (!parsed.success) return reply({ error: 'INVALID_PAYLOAD', message: describeIssue(parsed.error) })
      reply(await run(parsed.data))
    } catch (error) {
      onError?.(error)
      reply({ error: 'INTERNAL', message: 'The server could not handle this request' })
    }
  }
  socket.on(event, listener as never)
}
