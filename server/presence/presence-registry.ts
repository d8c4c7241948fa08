import { nameKey, type Member, type TransportName } from '../../protocol'
import type { ParleySocket } from '../socket/types'

interface Entry {
  name: string
  token: string
  socket: ParleySocket
}

export type ClaimResult = { ok: true; replaced?: ParleySocket } | { ok: false }

/**
 * Who is online. Names are unique without regard to case or Unicode form, so
 * `Ann` cannot pose as `ann`. A second join with the same session token is the
 * same person reconnecting before the server noticed the old link die: it
 * takes the name over.
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

  claim(name: string, token: string, socket: ParleySocket): ClaimResult {
    const key = PresenceRegistry.key(name)
    const existing = this.byKey.get(key)
    if (existing && existing.token !== token) return { ok: false }
    const entry = { name, token, socket }
    if (existing) this.unlist(existing)
    this.byKey.set(key, entry)
    this.inOrder.splice(this.firstAtOrAfter(name), 0, entry)
    return existing && existing.socket !== socket ? { ok: true, replaced: existing.socket } : { ok: true }
  }

  /** Removes the name only if this socket still holds it; returns whether it did. */
  release(name: string, socket: ParleySocket): boolean {
    const key = PresenceRegistry.key(name)
    const entry = this.byKey.get(key)
    if (entry?.socket !== socket) return false
    this.byKey.delete(key)
    this.unlist(entry)
    return true
  }

  find(name: string): Member | undefined {
    const entry = this.byKey.get(PresenceRegistry.key(name))
    return entry && toMember(entry)
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

function toMember(entry: Entry): Member {
  return { name: entry.name, transport: transportOf(entry.socket) }
}
