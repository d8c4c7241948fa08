import { isIPv4 } from 'node:net'
import type { Bonjour, Browser, Service } from 'bonjour-service'
import { z } from 'zod'
import { DISCOVERY_SERVICE_TYPE, LIMITS, type FoundServer } from '../protocol'
import { createBonjour, type MdnsOptions } from '../server/discovery/mdns'

/** The Parley servers announcing themselves on the LAN, as the join screen lists them. */
export interface ServerDiscovery {
  /**
   * Asks the LAN afresh (listening from the first call on) and returns the
   * servers heard so far. What the last ask heard stays listed for
   * `DiscoveryOptions.answerMs`; a server that has not answered the new
   * question by then (it crashed, or lost the network) leaves the list.
   */
  find(): FoundServer[]
  /** Called with the whole list whenever a server comes or goes; returns its unsubscribe. */
  onChange(listener: (servers: FoundServer[]) => void): () => void
  close(): Promise<void>
}

export interface DiscoveryOptions {
  /** How long a server has to answer a new ask before what it said to the last one is forgotten. */
  answerMs: number
}

/** Servers answer within a second (RFC 6762 delays a shared answer by at most 500 ms); three leaves room. */
export const DEFAULT_DISCOVERY: DiscoveryOptions = { answerMs: 3000 }

// Anyone on the LAN can announce anything: only a record that reads as a Parley server's is listed.
const txtSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.serverNameMaxLength),
  pw: z.enum(['0', '1']),
  v: z.string().max(32),
  // Optional, and only ever shown: one that is not a fitting line is left out, not the server.
  about: z.string().trim().max(LIMITS.serverAboutMaxLength).optional().catch(undefined),
})

/** What the join screen shows of an announcement, or null for one it cannot join. */
export function foundServer(service: Pick<Service, 'port' | 'txt' | 'addresses' | 'referer'>): FoundServer | null {
  const txt = txtSchema.safeParse(service.txt)
  if (!txt.success || !Number.isInteger(service.port) || service.port < 1 || service.port > 65535) return null
  // The address the answer came from is one this computer reached; a host's other addresses may be a VPN's or a VM's.
  const from = service.referer?.address
  const address = from !== undefined && isIPv4(from) ? from : service.addresses?.find((candidate) => isIPv4(candidate))
  if (address === undefined) return null
  return {
    name: txt.data.name,
    url: `http://${address}:${service.port}`,
    password: txt.data.pw === '1',
    version: txt.data.v,
    ...(txt.data.about && { about: txt.data.about }),
  }
}

/**
 * Listens for Parley servers on the LAN over mDNS, from the first `find()`
 * until `close()`: the join screen asks each time it opens, and a server that
 * says goodbye leaves the list.
 */
export function createServerDiscovery(
  mdns: MdnsOptions = {},
  onError: (error: Error) => void = () => {},
  { answerMs }: DiscoveryOptions = DEFAULT_DISCOVERY,
): ServerDiscovery {
  const listeners = new Set<(servers: FoundServer[]) => void>()
  let bonjour: Bonjour | undefined
  let browser: Browser | undefined
  /** The last ask's browser, listed until the servers have had time to answer the new one. */
  let previous: Browser | undefined
  let forget: NodeJS.Timeout | undefined
  let close: (() => Promise<void>) | undefined

  function list(): FoundServer[] {
    const byUrl = new Map<string, FoundServer>()
    for (const service of [...(previous?.services ?? []), ...(browser?.services ?? [])]) {
      const found = foundServer(service)
      if (found) byUrl.set(found.url, found)
    }
    return [...byUrl.values()].sort((a, b) => a.name.localeCompare(b.name) || a.url.localeCompare(b.url))
  }

  function changed(): void {
    const servers = list()
    for (const listener of listeners) listener(servers)
  }

  return {
    find() {
      if (!bonjour) {
        const started = createBonjour(mdns, onError)
        bonjour = started
        close = () => new Promise((resolve) => started.destroy(() => resolve()))
      }
      // Asked afresh each time: a server that stopped without a goodbye (a crash, a power cut)
      // is not remembered for good. Those running answer the new question; until they have
      // had time to, the last answers stay listed, so the list does not empty and refill.
      previous?.stop()
      previous = browser
      browser = bonjour.find({ type: DISCOVERY_SERVICE_TYPE })
      for (const event of ['up', 'down', 'txt-update', 'srv-update'] as const) browser.on(event, changed)
      clearTimeout(forget)
      if (previous) {
        forget = setTimeout(() => {
          previous?.stop()
          previous = undefined
          changed()
        }, answerMs)
      }
      return list()
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      listeners.clear()
      clearTimeout(forget)
      previous?.stop()
      browser?.stop()
      await close?.()
    },
  }
}
