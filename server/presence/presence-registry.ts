import type { Member, TransportName } from '../../protocol'
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
 */
export class PresenceRegistry {
  private readonly byKey = new Map<string, Entry>()

  static key(name: string): string {
    return name.normalize('NFKC').toLowerCase()
  }

  claim(name: string, token: string, socket: ParleySocket): ClaimResult {
    const key = PresenceRegistry.key(name)
    const existing = this.byKey.get(key)
    if (existing && existing.token !== token) return { ok: false }
    this.byKey.set(key, { name, token, socket })
    return existing && existing.socket !== socket ? { ok: true, replaced: existing.socket } : { ok: true }
  }

  /** Removes the name only if this socket still holds it; returns whether it did. */
  release(name: string, socket: ParleySocket): boolean {
    const key = PresenceRegistry.key(name)
    if (this.byKey.get(key)?.socket !== socket) return false
    this.byKey.delete(key)
    return true
  }

  find(name: string): Member | undefined {
    const entry = this.byKey.get(PresenceRegistry.key(name))
    return entry && toMember(entry)
  }

  members(): Member[] {
    return [...this.byKey.values()].map(toMember).sort((a, b) => a.name.localeCompare(b.name))
  }

  get size(): number {
    return this.byKey.size
  }
}

export function transportOf(socket: ParleySocket): TransportName {
  return socket.conn.transport.name === 'websocket' ? 'websocket' : 'polling'
}

function toMember(entry: Entry): Member {
  return { name: entry.name, transport: transportOf(entry.socket) }
}
