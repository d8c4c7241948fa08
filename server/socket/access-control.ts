import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { DESKTOP_APP_ORIGIN, LIMITS, type ConnectRefusal, type HandshakeAuth } from '../../protocol'
import type { ParleySocket } from './types'

type Next = (error?: Error) => void

function refusal(code: ConnectRefusal, message: string): Error {
  return Object.assign(new Error(message), { data: { code } })
}

/** Compares through fixed-length digests, so timing reveals neither content nor length. */
function samePassword(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/**
 * Socket.IO middleware for an optional shared LAN password. Wrong guesses are
 * limited per address, so the password cannot be brute-forced over the LAN.
 */
export function passwordMiddleware(password: string): (socket: ParleySocket, next: Next) => void {
  const failures = new RateLimiterMemory({ points: LIMITS.passwordAttemptsPerMinute, duration: 60 })
  return (socket, next) => {
    const address = socket.handshake.address
    const given = (socket.handshake.auth as HandshakeAuth | undefined)?.password
    void (async () => {
      const state = await failures.get(address)
      if (state && state.remainingPoints <= 0) {
        const seconds = Math.ceil(state.msBeforeNext / 1000)
        return next(refusal('TOO_MANY_ATTEMPTS', `Too many wrong passwords: try again in ${seconds} s`))
      }
      if (typeof given !== 'string' || given === '') {
        return next(refusal('PASSWORD_REQUIRED', 'This server needs a password'))
      }
      if (given.length <= LIMITS.passwordMaxLength && samePassword(given, password)) return next()
      await failures.consume(address).catch((rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
      })
      next(refusal('WRONG_PASSWORD', 'Wrong password'))
    })().catch(() => next(refusal('WRONG_PASSWORD', 'Wrong password')))
  }
}

/**
 * Engine.IO's allowRequest, on both transports: a browser must come from the
 * desktop app, this server's own web client (same host and port), an origin
 * the operator allowed, or — in lab mode — this host on another port (a link).
 * Requests without an Origin come from programs, not pages, and pass.
 */
export function createOriginCheck(
  extraOrigins: string[],
  lab: boolean,
): (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => void {
  const allowed = new Set([DESKTOP_APP_ORIGIN, ...extraOrigins])
  return (req, callback) => {
    const origin = req.headers.origin
    if (origin === undefined || allowed.has(origin)) return callback(null, true)
    try {
      const from = new URL(origin)
      const host = new URL(`http://${req.headers.host ?? ''}`)
      const sameOrigin = from.protocol === 'http:' && from.host === host.host
      const sameHost = from.hostname === host.hostname
      if (sameOrigin || (lab && sameHost)) return callback(null, true)
    } catch {
      // An unparseable Origin or Host is refused below.
    }
    callback('ORIGIN_NOT_ALLOWED', false)
  }
}
