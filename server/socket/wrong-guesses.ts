import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/**
 * Wrong guesses at a secret (the server password, the moderator password, a
 * device code), counted per address: past `perMinute`, every guess from that
 * address is refused, the right one too, until the minute is up. So no secret
 * can be brute-forced over the LAN.
 */
export interface WrongGuesses {
  /** How long the address must wait before guessing again; 0 when it may. */
  waitMs(address: string): Promise<number>
  /** Counts a wrong guess. */
  missed(address: string): Promise<void>
}

export function wrongGuesses(perMinute: number): WrongGuesses {
  const failures = new RateLimiterMemory({ points: perMinute, duration: 60 })
  return {
    async waitMs(address) {
      const state = await failures.get(address)
      return state && state.remainingPoints <= 0 ? state.msBeforeNext : 0
    },
    async missed(address) {
      await failures.consume(address).catch((rejection: unknown) => {
        // Out of points already: the guess is refused all the same.
        if (!(rejection instanceof RateLimiterRes)) throw rejection
      })
    },
  }
}
