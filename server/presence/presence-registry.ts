import { nameKey, type Member, type TransportName } from '../../protocol'
import type { ParleySocket } from '../socket/types'
import type { Status } from './statuses'

/** Who a connection is: its tab's session token, and the device (browser or app) it runs on. */
export interface Holder {
  token: string
  device: string
}

interface Entry {
  name: string
  /** What they say they are doing; none if empty. */
  status?: string
  /** When the server clears it by itself. */
  statusUntil?: number
  /** Each connection under the name, and who holds it; the newest last. */
  connections: Map<ParleySocket, Holder>
}

/**
 * `joined`: the name was offline until now. `replaced`: the same tab's
 * earlier connection, which this one takes over.
 */
export type ClaimResult = { ok: true; joined: boolean; replaced?: ParleySocket } | { ok: false }

/** Whether two devices were linked to share a name (a device is linked to itself). */
export type LinkedDevices = (a: string, b: string) => boolean

/**
 * Who is online. Names are unique without regard to case or Unicode form, so
 * `Ann` cannot pose as `ann`. A second join with the same session token is the
 * same tab reconnecting before the server noticed the old link die: it takes
 * that connection over. A join from another tab of the same device, or from a
 * device linked to one online under the name (see DeviceLinks), is the same
 * person, online on both and listed once. Anyone else is refused.
 *
 * The entries are also kept in name order, placed by binary search as they
 * come and go: every join answers with the whole list, and sorting it per
 * join made a reconnect storm of N joins cost N sorts of N names.
 */
export class PresenceRegistry {
  private readonly byKey = new Map<string, Entry>()
  private readonly inOrder: Entry[] = []

  static key(name: string): string {
    return nameKey(name)
  }

  claim(name: string, holder: Holder, socket: ParleySocket, linked: LinkedDevices = (a, b) => a === b): ClaimResult {
    const key = PresenceRegistry.key(name)
    const existing = this.byKey.get(key)
    if (!existing) {
      this.list({ name, connections: new Map([[socket, holder]]) })
      return { ok: true, joined: true }
    }
    const holders = [...existing.connections]
    const sameTab = holders.find(([, held]) => held.token === holder.token)?.[0]
    if (sameTab === undefined && !holders.some(([, held]) => linked(held.device, holder.device))) {
      return { ok: false }
    }
    if (sameTab !== undefined) existing.connections.delete(sameTab)
    existing.connections.set(socket, holder)
    if (existing.connections.size === 1 && existing.name !== name) {
      // The only device, back under another spelling of the name: listed as it is now written.
      this.unlist(existing)
      this.list({ ...existing, name })
    }
    return sameTab !== undefined && sameTab !== socket
      ? { ok: true, joined: false, replaced: sameTab }
      : { ok: true, joined: false }
  }

  /**
   * Ends one connection's hold on the name: `left` if it was the last one
   * (the person went offline), `stayed` if another device is still on, null
   * if this connection did not hold it.
   */
  release(name: string, socket: ParleySocket): 'left' | 'stayed' | null {
    const key = PresenceRegistry.key(name)
    const entry = this.byKey.get(key)
    if (!entry?.connections.delete(socket)) return null
    if (entry.connections.size > 0) return 'stayed'
    this.byKey.delete(key)
    this.unlist(entry)
    return 'left'
  }

  /** Every connection holding the name, with who holds it. */
  connectionsOf(name: string): Array<[ParleySocket, Holder]> {
    return [...(this.byKey.get(PresenceRegistry.key(name))?.connections ?? [])]
  }

  /** The name as the person online spells it, when they are online. */
  spelling(name: string): string | undefined {
    return this.byKey.get(PresenceRegistry.key(name))?.name
  }

  find(name: string): Member | undefined {
    const entry = this.byKey.get(PresenceRegistry.key(name))
    return entry && toMember(entry)
  }

  /** Sets the status of someone online (from the store on joining, or as they change it); '' clears it. */
  setStatus(name: string, { text, until }: Status): void {
    const entry = this.byKey.get(PresenceRegistry.key(name))
    if (!entry) return
    entry.status = text === '' ? undefined : text
    entry.statusUntil = text === '' ? undefined : until
  }

  /** Everyone online, by name. */
  members(): Member[] {
    return this.inOrder.map(toMember)
  }

  get size(): number {
    return this.byKey.size
  }

  /** The index of the first entry whose name does not sort before `name`. */
  private firstAtOrAfter(name: string): number {
    let low = 0
    let high = this.inOrder.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.inOrder[middle]!.name.localeCompare(name) < 0) low = middle + 1
      else high = middle
    }
    return low
  }

  private list(entry: Entry): void {
    this.byKey.set(PresenceRegistry.key(entry.name), entry)
    this.inOrder.splice(this.firstAtOrAfter(entry.name), 0, entry)
  }

  private unlist(entry: Entry): void {
    // Names that compare equal sit side by side; the entry is among them.
    for (let index = this.firstAtOrAfter(entry.name); index < this.inOrder.length; index++) {
      if (this.inOrder[index] === entry) {
        this.inOrder.splice(index, 1)
        return
      }
    }
  }
}

export function transportOf(socket: ParleySocket): TransportName {
  return socket.conn.transport.name === 'websocket' ? 'websocket' : 'polling'
}

/**
 * A person on several devices shows the transport of the one that joined
 * last, and how many there are; they are away when every connection is.
 */
function toMember(entry: Entry): Member {
  // Every join lists everyone: walked, not copied (mostly one connection).
  let newest: ParleySocket | undefined
  let away = true
  let moderator = false
  for (const socket of entry.connections.keys()) {
    newest = socket
    if (socket.data.away !== true) away = false
    if (socket.data.moderator === true) moderator = true
  }
  const member: Member = { name: entry.name, transport: transportOf(newest!) }
  if (away) member.away = true
  if (moderator) member.moderator = true
  if (entry.status !== undefined) member.status = entry.status
  if (entry.statusUntil !== undefined) member.statusUntil = entry.statusUntil
  if (entry.connections.size > 1) {
    const devices = new Set([...entry.connections.values()].map((holder) => holder.device)).size
    if (devices > 1) member.devices = devices
  }
  return member
}
