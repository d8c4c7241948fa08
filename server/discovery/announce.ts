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

/** The most a DNS label holds, in bytes: an mDNS instance name is one label. */
const LABEL_MAX_BYTES = 63

/**
 * The server's DNS-SD instance name: its name, then the computer and port, so
 * two servers never claim one. One label: no dots (the DNS library reads them
 * as label breaks, and the name is never heard), at most 63 bytes, the server's
 * name cut first. What people see is the TXT record's name, whole.
 */
export function instanceName(name: string, computer: string, port: number): string {
  const undotted = (text: string): string => text.replace(/\./g, ' ').trim()
  const where = ` (${cutToBytes(undotted(computer.split('.')[0] ?? ''), 40)}:${port})`
  return `${cutToBytes(undotted(name), LABEL_MAX_BYTES - Buffer.byteLength(where))}${where}`
}

/** `text` cut, whole characters at a time, to at most `bytes` of UTF-8. */
function cutToBytes(text: string, bytes: number): string {
  let kept = [...text]
  while (kept.length > 0 && Buffer.byteLength(kept.join('')) > bytes) kept = kept.slice(0, -1)
  return kept.join('').trim()
}

/**
 * Announces a server on the LAN over mDNS (DNS-SD `_parley._tcp`) until
 * stopped, as `instanceName` names it. mDNS failing (port 5353 refused, no
 * multicast route) costs discovery only: `onError` hears it.
 */
export function announceServer(
  server: { name: string; port: number; password: boolean; version: string; about?: string },
  onError: (error: Error) => void,
  mdns: MdnsOptions = {},
): Announcement {
  const bonjour = createBonjour(mdns, onError)
  // A TXT string holds 255 bytes, `name=` included: 64 characters of four bytes each would not fit,
  // nor 200 of an `--about` line (cut too: the join screen's preview shows it whole once chosen).
  const txt: DiscoveryTxt = { name: cutToBytes(server.name, 250), pw: server.password ? '1' : '0', v: server.version }
  if (server.about) txt.about = cutToBytes(server.about, 249)
  bonjour.publish({
    name: instanceName(server.name, hostname(), server.port),
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
