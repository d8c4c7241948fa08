import type { EventEmitter } from 'node:events'
import { Bonjour } from 'bonjour-service'

/**
 * multicast-dns's settings: the real network by default (UDP 5353 on every
 * interface); tests hand it an in-memory `socket`, so nothing leaves the process.
 */
export interface MdnsOptions {
  socket?: unknown
  interface?: string
  port?: number
}

/**
 * A Bonjour instance whose failures reach `onError` instead of the process.
 * Bonjour listens to multicast-dns for everything but its `error` event (5353
 * refused, or taken without address reuse), which unheard would throw out of
 * the socket's callback and take the server down with it, so it is heard here.
 * Only the first is reported: each packet tries the socket again, and fails
 * the same way (transient trouble, such as a network gone, is not an error).
 */
export function createBonjour(mdns: MdnsOptions, onError: (error: Error) => void): Bonjour {
  let reported = false
  const once = (error: Error): void => {
    if (reported) return
    reported = true
    onError(error)
  }
  const bonjour = new Bonjour(mdns as ConstructorParameters<typeof Bonjour>[0], once)
  ;(bonjour as unknown as { server: { mdns: EventEmitter } }).server.mdns.on('error', once)
  return bonjour
}
