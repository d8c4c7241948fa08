import type { ServerResponse } from 'node:http'

/**
 * The web client needs nothing from other origins: scripts, styles and the
 * Socket.IO connection (HTTP and WebSocket) all come from this server. In lab
 * mode it also connects to its own netsim link, on another port of this host.
 */
export function webClientCsp(labHostname: string | null = null): string {
  const links = labHostname ? ` http://${labHostname}:* ws://${labHostname}:*` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // blob: for image previews, fetched from /files/ and shown from memory.
    "img-src 'self' data: blob:",
    // blob: for sound and video files, fetched from /files/ once played.
    "media-src 'self' blob:",
    `connect-src 'self'${links}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function setSecurityHeaders(res: ServerResponse, labHostname: string | null = null): void {
  res.setHeader('Content-Security-Policy', webClientCsp(labHostname))
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
}
