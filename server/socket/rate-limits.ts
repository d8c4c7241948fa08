import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { LIMITS, type AckError } from '../../protocol'

export interface RateLimits {
  /** Every request from one connection. */
  requests: RateLimiterMemory
  /** Messages from one connection. */
  sends: RateLimiterMemory
  /** Searches from one connection: the one request whose cost grows with the history. */
  searches: RateLimiterMemory
  /** File chunks from one connection: counted apart from other requests, as a file is many of them. */
  chunks: RateLimiterMemory
  /** Profile pictures from one connection: each change goes to every connection on the server. */
  pictures: RateLimiterMemory
}

export interface RateLimitOptions {
  requestsPerSecond: number
  sendsPerSecond: number
  searchesPerSecond: number
  fileChunksPerSecond: number
  picturesPerTenSeconds: number
}

export function createRateLimits({
  requestsPerSecond = LIMITS.requestsPerSecond,
  sendsPerSecond = LIMITS.sendsPerSecond,
  searchesPerSecond = LIMITS.searchesPerSecond,
  fileChunksPerSecond = LIMITS.fileChunksPerSecond,
  picturesPerTenSeconds = LIMITS.picturesPerTenSeconds,
}: Partial<RateLimitOptions> = {}): RateLimits {
  return {
    requests: new RateLimiterMemory({ points: requestsPerSecond, duration: 1 }),
    sends: new RateLimiterMemory({ points: sendsPerSecond, duration: 1 }),
    searches: new RateLimiterMemory({ points: searchesPerSecond, duration: 1 }),
    chunks: new RateLimiterMemory({ points: fileChunksPerSecond, duration: 1 }),
    pictures: new RateLimiterMemory({ points: picturesPerTenSeconds, duration: 10 }),
  }
}

/** Spends one point of each limiter; the first that is out gives the RATE_LIMITED answer. */
export async function spend(limiters: RateLimiterMemory[], key: string): Promise<AckError | null> {
  for (const limiter of limiters) {
    try {
      await limiter.consume(key)
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection
      const retryAfterMs = Math.max(1, Math.ceil(rejection.msBeforeNext))
      return { error: 'RATE_LIMITED', message: `Too many requests: wait ${retryAfterMs} ms`, retryAfterMs }
    }
  }
  return null
}
