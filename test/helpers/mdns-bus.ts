import { EventEmitter } from 'node:events'
import type { MdnsOptions } from '../../server/discovery/mdns'

/**
 * A multicast network in memory, for mDNS: each member gets a stand-in for
 * the UDP socket multicast-dns would open, and whatever one sends, every
 * member receives (itself too, as with multicast loopback), from the
 * member's own address. Real DNS packets, no traffic at all.
 */
export class MdnsBus {
  private readonly members = new Set<FakeUdpSocket>()

  /** multicast-dns settings for a computer at `address` on this network. */
  member(address: string, { refuse }: { refuse?: string } = {}): MdnsOptions {
    const socket = new FakeUdpSocket(this, address, refuse)
    this.members.add(socket)
    return { socket }
  }

  /** The computer at `address` goes silent at once, with no goodbye: it crashed, or lost power. */
  silence(address: string): void {
    for (const member of this.members) if (member.address === address) member.closed = true
  }

  deliver(from: FakeUdpSocket, message: Buffer): void {
    for (const member of this.members) {
      if (member.closed) continue
      const rinfo = { address: from.address, family: 'IPv4', port: 5353, size: message.length }
      setImmediate(() => member.closed || member.emit('message', Buffer.from(message), rinfo))
    }
  }
}

class FakeUdpSocket extends EventEmitter {
  closed = false

  constructor(
    private readonly bus: MdnsBus,
    readonly address: string,
    /** An error code binding fails with (EADDRINUSE: 5353 taken without address reuse). */
    private readonly refuse?: string,
  ) {
    super()
  }

  bind(_port: number, _address: string | undefined, callback: () => void): void {
    setImmediate(() => {
      if (this.refuse) {
        this.emit('error', Object.assign(new Error(`bind ${this.refuse}`), { code: this.refuse }))
        return
      }
      callback()
      this.emit('listening')
    })
  }

  send(buffer: Buffer, offset: number, length: number, _port: number, _to: string, callback: () => void): void {
    if (!this.closed) this.bus.deliver(this, buffer.subarray(offset, offset + length))
    setImmediate(callback)
  }

  close(callback?: () => void): void {
    this.closed = true
    if (callback) setImmediate(callback)
  }

  setMulticastTTL(): void {}
  setMulticastLoopback(): void {}
  addMembership(): void {}
  dropMembership(): void {}
  setMulticastInterface(): void {}
}
