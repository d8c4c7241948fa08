import type { Manager } from 'socket.io-client'

export interface HealerOptions {
  /** Delay before the first retry of the upgrade after a fallback. */
  firstRetryMs: number
  /** Retries back off by doubling, up to this. */
  maxRetryMs: number
  /** Two WebSocket cuts within this window mean WebSocket is not to be trusted: fall back. */
  cutWindowMs: number
}

export const DEFAULT_HEALER_OPTIONS: HealerOptions = {
  firstRetryMs: 30_000,
  maxRetryMs: 5 * 60_000,
  cutWindowMs: 60_000,
}

type Engine = Manager['engine']
/**
 * The engine as the healer reads it. `_probe` (probe one transport on an open
 * session), `_onClose` (close now, whatever is under way) and `upgrading` are
 * engine.io-client internals, so they are feature-detected and the public
 * close() stands in when they are absent.
 */
interface EngineInternals {
  _probe?: (name: string) => void
  _onClose?: (reason: string, description?: Error) => void
  upgrading?: boolean
  readyState: string
  transport: { name: string }
  close(): void
}

export interface HealerEvents {
  fallback(reason: string): void
  healScheduled(delayMs: number, attempt: number): void
  probe(reason: string): void
}

/**
 * Keeps a client working on long-polling when WebSocket fails, and brings it
 * back when the network allows.
 *
 * - The upgrade probe fails (a proxy refuses WebSocket): stay on polling.
 * - The WebSocket is cut twice within `cutWindowMs`: reconnect on polling only.
 * - Meanwhile retry the upgrade after `firstRetryMs`, doubling each time. The
 *   retry probes WebSocket on the same Engine.IO session, so the socket, its
 *   rooms and its messages never notice; only the transport changes.
 */
export class UpgradeHealer {
  private fallbackReason: string | null = null
  private retryDelay: number
  private attempt = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private cuts: number[] = []
  private engine: Engine | null = null

  constructor(
    private readonly manager: Manager,
    private readonly options: HealerOptions,
    private readonly events: HealerEvents,
  ) {
    this.retryDelay = options.firstRetryMs
  }

  /** Whether the client is on polling because WebSocket failed. */
  get inFallback(): boolean {
    return this.fallbackReason !== null
  }

  get reason(): string | null {
    return this.fallbackReason
  }

  /** Follows a newly opened engine (the first, and one per reconnect). */
  attach(engine: Engine): void {
    this.engine = engine
    engine.on('upgradeError', (error: Error) => this.onUpgradeError(error))
    engine.on('upgrade', () => this.onUpgraded())
    engine.on('close', (reason: string) => {
      if (engine.transport?.name === 'websocket' && reason !== 'forced close') this.onWebsocketCut(reason)
      this.clearTimer()
    })
    if (this.inFallback) this.schedule()
  }

  dispose(): void {
    this.clearTimer()
    this.engine = null
  }

  private onUpgradeError(error: Error): void {
    this.enterFallback(`WebSocket upgrade blocked or failed (${error.message})`)
    // A probe that fails after long-polling was paused for the switch leaves
    // engine.io-client "upgrading" with polling paused: nothing is sent or
    // received until a ping timeout, 45 s later. Reconnect now; state
    // recovery brings the session back. Not with close(): it waits for the
    // switch to end, which never comes.
    const engine = this.engine as unknown as EngineInternals | null
    if (engine?.upgrading && engine.readyState === 'open') {
      this.events.probe('Upgrade failed mid-switch: reconnecting on long-polling')
      if (typeof engine._onClose === 'function') engine._onClose('transport error', error)
      else engine.close()
      return
    }
    this.schedule()
  }

  private onUpgraded(): void {
    if (!this.inFallback) return
    this.fallbackReason = null
    this.manager.opts.upgrade = true
    this.retryDelay = this.options.firstRetryMs
    this.attempt = 0
    this.clearTimer()
  }

  private onWebsocketCut(reason: string): void {
    const now = Date.now()
    this.cuts = [...this.cuts.filter((at) => now - at < this.options.cutWindowMs), now]
    if (this.cuts.length >= 2) {
      // The next engine (the reconnect) stays on polling until a retry succeeds.
      this.manager.opts.upgrade = false
      this.enterFallback(`WebSocket cut twice within ${Math.round(this.options.cutWindowMs / 1000)} s (${reason})`)
    }
  }

  private enterFallback(reason: string): void {
    const first = !this.inFallback
    this.fallbackReason = reason
    if (first) this.events.fallback(reason)
  }

  private schedule(): void {
    if (this.timer || !this.engine) return
    const delay = this.retryDelay
    this.attempt++
    this.events.healScheduled(delay, this.attempt)
    this.timer = setTimeout(() => {
      this.timer = null
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryMs)
      this.retry()
    }, delay)
  }

  private retry(): void {
    const engine = this.engine as unknown as EngineInternals | null
    if (!engine || engine.readyState !== 'open' || engine.transport.name === 'websocket' || engine.upgrading) return
    if (typeof engine._probe === 'function') {
      this.events.probe(`Retrying the upgrade (attempt ${this.attempt})`)
      engine._probe('websocket')
    } else {
      // Without the probe, a controlled reconnect with upgrades on does the same.
      this.events.probe(`Reconnecting to retry the upgrade (attempt ${this.attempt})`)
      this.manager.opts.upgrade = true
      engine.close()
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
