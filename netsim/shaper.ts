import { Transform, type TransformCallback } from 'node:stream'
import type { NetsimProfile } from './profile'

/**
 * Delays chunks by the live profile's latency, jitter and bandwidth, without
 * ever reordering them: each chunk leaves no earlier than the one before.
 */
export class Shaper extends Transform {
  private readonly queue: Array<{ chunk: Buffer; releaseAt: number }> = []
  private timer: NodeJS.Timeout | null = null
  private linkBusyUntil = 0
  private lastRelease = 0

  constructor(
    private readonly profile: () => NetsimProfile,
    private readonly random: () => number = Math.random,
  ) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const { latencyMs, jitterMs, bandwidthKbps } = this.profile()
    if (latencyMs === 0 && jitterMs === 0 && bandwidthKbps === null && this.queue.length === 0) {
      done(null, chunk)
      return
    }
    const now = Date.now()
    // kbit/s is bits per millisecond: the time this chunk occupies the link.
    const transmitMs = bandwidthKbps === null ? 0 : (chunk.length * 8) / bandwidthKbps
    const start = Math.max(now, this.linkBusyUntil)
    this.linkBusyUntil = start + transmitMs
    const delay = Math.max(0, latencyMs + (this.random() * 2 - 1) * jitterMs)
    const releaseAt = Math.max(this.linkBusyUntil + delay, this.lastRelease)
    this.lastRelease = releaseAt
    this.queue.push({ chunk, releaseAt })
    this.schedule()
    done()
  }

  override _flush(done: TransformCallback): void {
    const drain = (): void => {
      if (this.queue.length === 0) done()
      else setTimeout(drain, Math.max(1, this.queue[this.queue.length - 1]!.releaseAt - Date.now()))
    }
    drain()
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    if (this.timer) clearTimeout(this.timer)
    this.queue.length = 0
    done(error)
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return
    this.timer = setTimeout(
      () => {
        this.timer = null
        const now = Date.now()
        while (this.queue.length > 0 && this.queue[0]!.releaseAt <= now) this.push(this.queue.shift()!.chunk)
        this.schedule()
      },
      Math.max(0, this.queue[0]!.releaseAt - Date.now()),
    )
  }
}
