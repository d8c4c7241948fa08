import { randomBytes } from 'node:crypto'
import { PROBE_LIMITS } from '../../protocol'

/**
 * The open probe channels and the newest probes each keeps for short
 * polling. Memory is bounded twice: channels per server, probes per channel.
 */
export class ProbeChannels {
  private readonly kept = new Map<string, number[]>()

  /** A new channel's id (128 random bits: the poll URL is its only key), or null when the server has enough. */
  open(): string | null {
    if (this.kept.size >= PROBE_LIMITS.channelsMax) return null
    const id = randomBytes(16).toString('hex')
    this.kept.set(id, [])
    return id
  }

  has(channel: string): boolean {
    return this.kept.has(channel)
  }

  push(channel: string, seq: number): void {
    const probes = this.kept.get(channel)
    if (!probes) return
    probes.push(seq)
    if (probes.length > PROBE_LIMITS.keptProbes) probes.shift()
  }

  /** The kept probes after `after`, oldest first; null for a channel that is not open. */
  after(channel: string, after: number): number[] | null {
    return this.kept.get(channel)?.filter((seq) => seq > after) ?? null
  }

  close(channel: string): void {
    this.kept.delete(channel)
  }

  get size(): number {
    return this.kept.size
  }
}
