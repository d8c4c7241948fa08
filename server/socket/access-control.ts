import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { DESKTOP_APP_ORIGIN, LIMITS, type ConnectRefusal, type HandshakeAuth } from '../../protocol'
import type { ParleySocket } from './types'
import { wrongGuesses } from './wrong-guesses'

type Next = (error?: Error) => void

function refusal(code: ConnectRefusal, message: string): Error {
  return Object.assign(new Error(message), { data: { code } })
}

/** Compares through fixed-length digests, so timing reveals neither content nor length. */
export function samePassword(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** Socket.IO middleware for an optional shared LAN password; wrong guesses are limited per address. */
export function passwordMiddleware(password: string): (socket: Pick<ParleySocket, 'handshake'>, next: Next) => void {
  const failures = wrongGuesses(LIMITS.passwordAttemptsPerMinute)
  return (socket, next) => {
    const address = socket.handshake.address
    const given = (socket.handshake.auth as HandshakeAuth | undefined)?.password
    void (async () => {
      const waitMs = await failures.waitMs(address)
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000)
        return next(refusal('TOO_MANY_ATTEMPTS', `Too many wrong passwords: try again in ${seconds} s`))
      }
      if (typeof given !== 'string' || given === '') {
        return next(refusal('PASSWORD_REQUIRED', 'This server needs a password'))
      }
      if (given.length <= LIMITS.passwordMaxLength && samePassword(given, password)) return next()
      await failures.missed(address)
      next(refusal('WRONG_PASSWORD', 'Wrong password'))
    })().catch(() => next(refusal('WRONG_PASSWORD', 'Wrong password')))
  }
}

/** Decides by a request's headers alone (Origin, Host). */
export type OriginRule = (req: Pick<IncomingMessage, 'headers'>) => boolean

/**
 * Whether a request may come from its Origin: the desktop app, this server's
 * own web client (same host and port), an origin the operator allowed, or —
 * in lab mode — this host on another port (a link). Requests without an
 * Origin come from programs, not pages, and pass.
 */
export function createOriginRule(extraOrigins: string[], lab: boolean): OriginRule {
  const allowed = new Set([DESKTOP_APP_ORIGIN, ...extraOrigins])
  return (req) => {
    const origin = req.headers.origin
    if (origin === undefined || allowed.has(origin)) return true
    // The web client's own requests, without parsing: CORS asks on every long-polling request.
    if (origin === `http://${req.headers.host}`) return true
    try {
      const from = new URL(origin)
      const host = new URL(`http://${req.headers.host ?? ''}`)
      const sameOrigin = from.protocol === 'http:' && from.host === host.host
      return sameOrigin || (lab && from.hostname === host.hostname)
    } catch {
      // An unparseable Origin or Host is refused.
      return false
    }
  }
}

/** Engine.IO's allowRequest, on both transports. */
export function createOriginCheck(
  allows: OriginRule,
): (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => void {
  return (req, callback) => (allows(req) ? callback(null, true) : callback('ORIGIN_NOT_ALLOWED', false))
}

/**
 * CORS headers for exactly the origins the check lets in: a refused page
 * never gets its Origin echoed back, not even on the error.
 */
export function createCorsOptions(
  allows: OriginRule,
): (
  req: Pick<IncomingMessage, 'headers'>,
  callback: (error: Error | null, options: { origin: boolean }) => void,
) => void {
  return (req, callback) => callback(null, { origin: req.headers.origin !== undefined && allows(req) })
}
