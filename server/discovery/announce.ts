import { hostname } from 'node:os'
import { DISCOVERY_SERVICE_TYPE, type DiscoveryTxt } from '../../protocol'
import { createBonjour, type MdnsOptions } from './mdns'

export interface Announcement {
  /** Says goodbye on the LAN (so listeners drop the server at once) and closes the socket. */
  stop(): Promise<void>
}

const LOOPBACK = /^(127\.|::1$|localhost$)/

/** Whether a server listening on `host` can be joined from the LAN at all. */
export function reachableFromLan(host: string): boolean {
  return !LOOPBACK.test(host)
}

/**
 * Announces a server on the LAN over mDNS (DNS-SD `_parley._tcp`) until
 * stopped. The instance name carries the host and port, so two servers never
 * claim one name; the name people see is in the TXT record. mDNS failing (port
 * 5353 refused, no multicast route) costs discovery only: `onError` hears it.
 */
export function announceServer(
  server: { name: string; port: number; password: boolean; version: string },
  onError: (error: Error) => void,
  mdns: MdnsOptions = {},
): Announcement {
  const bonjour = createBonjour(mdns, onError)
  const txt: DiscoveryTxt = { name: server.name, pw: server.password ? '1' : '0', v: server.version }
  bonjour.publish({
    name: `${server.name} (${hostname()}:${server.port})`,
    type: DISCOVERY_SERVICE_TYPE,
    port: server.port,
    txt,
    // Joined over IPv4 (the LAN URLs are IPv4): AAAA records would only lengthen each answer.
    disableIPv6: true,
  })
  let stopped: Promise<void> | undefined
  return {
    stop() {
      stopped ??= new Promise((resolve) => bonjour.unpublishAll(() => bonjour.destroy(() => resolve())))
      return stopped
    },
  }
}
