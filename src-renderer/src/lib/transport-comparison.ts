import { io, type Socket } from 'socket.io-client'
import {
  PROBE_NAMESPACE,
  probePollUrl,
  type AckResult,
  type ProbeClientToServerEvents,
  type ProbePollAnswer,
  type ProbeServerToClientEvents,
} from '../../../protocol'

/** The three ways a server can reach a client, as the comparison names them. */
export type Way = 'websocket' | 'long-polling' | 'short-polling'
export const WAYS: readonly Way[] = ['websocket', 'long-polling', 'short-polling']

export interface WayResult {
  way: Way
  /** `measuring` until every probe arrived or the run ended. */
  state: 'connecting' | 'measuring' | 'done' | 'failed'
  received: number
  /** Milliseconds from a probe's send to its arrival; null before the first. */
  p50: number | null
  p95: number | null
  max: number | null
  /** HTTP answers this way needed from the first probe's send to the last probe's arrival. */
  requests: number
  /** Why it failed, or what to know about it. */
  note: string
}

export interface ComparisonOptions {
  /** The URL the app's own connection uses: its netsim link, when it has one. */
  url: string
  password?: string
  probes?: number
  /** Between two probes. Not a multiple of the poll interval, so probes meet every phase of it. */
  spacingMs?: number
  /** Short polling's interval. */
  pollIntervalMs?: number
  connectTimeoutMs?: number
  /** How long the run waits for stragglers after the last probe. */
  graceMs?: number
}

export const COMPARISON_DEFAULTS = {
  probes: 20,
  spacingMs: 370,
  pollIntervalMs: 1000,
  connectTimeoutMs: 5000,
  graceMs: 3000,
} as const

type ProbeSocket = Socket<ProbeServerToClientEvents, ProbeClientToServerEvents>

/** The value below which `fraction` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}

const round = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 10) / 10)

/** One receiving way's tally while the run goes on. */
class Tally {
  readonly arrivals = new Map<number, number>()
  /** When each HTTP answer came (performance.now()). */
  readonly answers: number[] = []
  state: WayResult['state'] = 'connecting'
  note = ''

  constructor(readonly way: Way) {}

  arrive(seq: number, sentAt: Map<number, number>): void {
    if (!this.arrivals.has(seq) && sentAt.has(seq)) this.arrivals.set(seq, performance.now())
  }

  fail(note: string): void {
    if (this.state === 'done') return
    this.state = 'failed'
    this.note = note
  }

  result(sentAt: Map<number, number>, expected: number): WayResult {
    const latencies = [...this.arrivals].map(([seq, at]) => at - sentAt.get(seq)!).sort((a, b) => a - b)
    const first = Math.min(...sentAt.values())
    const last = Math.max(...this.arrivals.values())
    const requests = this.answers.filter((at) => at > first && at <= last).length
    const note =
      this.note ||
      (this.arrivals.size < expected ? `${expected - this.arrivals.size} of ${expected} did not arrive` : '')
    return {
      way: this.way,
      state: this.state,
      received: this.arrivals.size,
      p50: round(percentile(latencies, 0.5)),
      p95: round(percentile(latencies, 0.95)),
      max: round(latencies[latencies.length - 1] ?? null),
      requests: this.arrivals.size === 0 ? 0 : requests,
      note,
    }
  }
}

function connectProbe(
  url: string,
  password: string | undefined,
  transports: Array<'polling' | 'websocket'>,
  timeout: number,
): Promise<ProbeSocket> {
  const socket: ProbeSocket = io(`${url}${PROBE_NAMESPACE}`, {
    forceNew: true,
    reconnection: false,
    transports,
    upgrade: transports.includes('websocket'),
    timeout,
    auth: password ? { password } : {},
  })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (error) => {
      socket.close()
      reject(error)
    })
  })
}

async function ask<T>(send: (ack: (result: AckResult<T>) => void) => void): Promise<T> {
  const result = await new Promise<AckResult<T>>((resolve) => send(resolve))
  if ('error' in result) throw new Error(result.message)
  return result.data
}

/**
 * Measures the three ways side by side, live: one sender over the app's usual
 * negotiation, a receiver on WebSocket only, one on long-polling only, and a
 * short poller asking `GET /probe/<channel>` every interval. All of them go
 * through `url`, so a degraded link degrades them too. Every time is read on
 * this page's one clock. `onProgress` gets the results as they change.
 */
export async function compareTransports(
  options: ComparisonOptions,
  onProgress: (results: WayResult[]) => void = () => {},
): Promise<WayResult[]> {
  const { url, password } = options
  const { probes, spacingMs, pollIntervalMs, connectTimeoutMs, graceMs } = { ...COMPARISON_DEFAULTS, ...options }
  const sentAt = new Map<number, number>()
  const tallies = new Map(WAYS.map((way) => [way, new Tally(way)]))
  const tally = (way: Way): Tally => tallies.get(way)!
  const results = (): WayResult[] => WAYS.map((way) => tally(way).result(sentAt, probes))
  const report = (): void => onProgress(results())
  const sockets: ProbeSocket[] = []
  let polling = true
  let pollTimer: ReturnType<typeof setTimeout> | undefined

  try {
    const sender = await connectProbe(url, password, ['polling', 'websocket'], connectTimeoutMs).catch(
      (error: Error) => {
        throw new Error(`Could not reach the server (${error.message})`)
      },
    )
    sockets.push(sender)
    const { channel } = await ask<{ channel: string }>((ack) => sender.emit('probe:open', ack))

    const receive = async (way: Way, transports: Array<'polling' | 'websocket'>): Promise<void> => {
      const socket = await connectProbe(url, password, transports, connectTimeoutMs)
      sockets.push(socket)
      socket.on('probe:message', ({ seq }) => {
        tally(way).arrive(seq, sentAt)
        report()
      })
      socket.on('disconnect', (reason) => tally(way).fail(`Connection closed during the run (${reason})`))
      const transport = socket.io.engine.transport as unknown as { on(event: string, listener: () => void): void }
      const answered = (): number => tally(way).answers.push(performance.now())
      transport.on('pollComplete', answered)
      transport.on('drain', answered)
      await ask((ack) => socket.emit('probe:join', { channel }, ack))
      tally(way).state = 'measuring'
    }
    const joined = await Promise.allSettled([receive('websocket', ['websocket']), receive('long-polling', ['polling'])])
    joined.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        const way = WAYS[index]!
        tally(way).fail(
          `${way === 'websocket' ? 'WebSocket' : 'Long-polling'} refused: ${(outcome.reason as Error).message}`,
        )
      }
    })

    const poller = tally('short-polling')
    let cursor = 0
    const poll = async (): Promise<void> => {
      const startedAt = performance.now()
      try {
        const response = await fetch(probePollUrl(url, channel, cursor))
        poller.answers.push(performance.now())
        if (!response.ok) throw new Error(`the server answered ${response.status}`)
        const { seqs } = (await response.json()) as ProbePollAnswer
        for (const seq of seqs) poller.arrive(seq, sentAt)
        cursor = Math.max(cursor, ...seqs)
        if (seqs.length > 0) report()
      } catch (error) {
        poller.note = `A poll failed: ${(error as Error).message}`
      }
      // A fixed interval from each poll's start, as a timer-driven client polls.
      if (polling)
        pollTimer = setTimeout(() => void poll(), Math.max(0, pollIntervalMs - (performance.now() - startedAt)))
    }
    poller.state = 'measuring'
    void poll()
    report()

    for (let seq = 1; seq <= probes; seq++) {
      sentAt.set(seq, performance.now())
      sender.emit('probe:send', { seq }, () => {})
      await new Promise((resolve) => setTimeout(resolve, spacingMs))
    }
    // Until every way still measuring has every probe, or the grace is over.
    const deadline = performance.now() + graceMs + pollIntervalMs
    while (performance.now() < deadline) {
      const waiting = WAYS.some((way) => tally(way).state === 'measuring' && tally(way).arrivals.size < probes)
      if (!waiting) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    for (const way of WAYS) if (tally(way).state === 'measuring') tally(way).state = 'done'
    report()
    return results()
  } finally {
    polling = false
    clearTimeout(pollTimer)
    for (const socket of sockets) socket.close()
  }
}
