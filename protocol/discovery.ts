/**
 * LAN discovery: a server announces itself over multicast DNS (DNS-SD, as
 * `_parley._tcp`), and the desktop app lists the servers it hears on its join
 * screen. A browser cannot listen for them; it is at its server already.
 */
export const DISCOVERY_SERVICE_TYPE = 'parley'

/** A server's TXT record, in DNS-SD's short keys: its name, whether it needs a password, its version, its `--about` line. */
export interface DiscoveryTxt {
  name: string
  pw: '0' | '1'
  v: string
  about?: string
}

/** A server heard on the LAN. */
export interface FoundServer {
  /** What the server calls itself (its `--name`). */
  name: string
  /** Where to join it: `http://<IPv4>:<port>`. */
  url: string
  password: boolean
  version: string
  /** Its one line about itself (its `--about`), if it has one. */
  about?: string
}
