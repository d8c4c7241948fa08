/** The benchmark report's sections, in Markdown. */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import type { FileTransferResult } from './file-transfer'
import { heapMarkdown } from './heap-summary'
import type { PathStep } from './path-steps'
import { profileMarkdown, summarizeProfile } from './profile-summary'
import {
  FANOUT_WORKERS,
  STORAGE_WRITERS,
  type FanoutResult,
  type IdleResult,
  type LatencyResult,
  type StorageResult,
} from './scenarios'
import { ms, table } from './stats'

export interface LatencyRow {
  system: string
  result: LatencyResult
}

/** The latency table's name for the textbook Socket.IO relay. */
export const RELAY = 'Minimal Socket.IO relay'

/** The same relay committing each message to SQLite before relaying it: the floor for any server that stores first. */
export const STORING_RELAY = 'Storing Socket.IO relay'

export function pathStepsSection(steps: PathStep[], gapMs: number, relayP50Ms?: number): string[] {
  const bare = steps.find((row) => row.step.startsWith('bare SQLite'))
  const budget =
    relayP50Ms !== undefined && bare
      ? [
          `The p50 target (≤ 1.2× the minimal relay) leaves Parley ${(relayP50Ms * 200).toFixed(0)} µs over the relay's ${relayP50Ms.toFixed(2)} ms in this run; storing a message with no framework around it, ${gapMs} ms apart, takes ${bare.spacedMicros.toFixed(0)} µs.`,
        ]
      : []
  return [
    "### Parley's own steps before a broadcast",
    `Each timed alone in the benchmark's process with the server's code (median µs): after its own ${gapMs} ms pause like the latency runs' messages, and back to back. The minimal relay does none of them; the first row is the floor, what timing an empty step costs.`,
    table(
      ['step', `${gapMs} ms apart`, 'back to back'],
      steps.map((row) => [row.step, row.spacedMicros.toFixed(1), row.backToBackMicros.toFixed(1)]),
    ),
    ...budget,
  ]
}

export function latencySection(latency: LatencyRow[]): string[] {
  const byName = (name: string) => latency.find((row) => row.system === name)!.result
  const ws = byName('Parley, WebSocket')
  const relay = byName(RELAY)
  const raw = byName('Raw ws relay')
  const storing = byName(STORING_RELAY)
  return [
    '## Delivery latency, one to one',
    table(
      [
        'system',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'mean ms',
        'HTTP requests / msg',
        'bytes / msg',
        'server CPU µs / msg',
        'server µs to receiver: p50 / p99',
        'delivered',
      ],
      latency.map(({ system, result: r }) => [
        system,
        ms(r.latency.p50),
        ms(r.latency.p95),
        ms(r.latency.p99),
        ms(r.latency.max),
        ms(r.latency.mean),
        r.requestsPerMessage.toFixed(2),
        Math.round(r.bytesPerMessage),
        Math.round(r.cpuMicrosPerMessage),
        Number.isFinite(r.handoff.p50) ? `${Math.round(r.handoff.p50)} / ${Math.round(r.handoff.p99)}` : '—',
        r.delivered,
      ]),
    ),
    `Parley over WebSocket vs the minimal Socket.IO relay: p50 ${(ws.latency.p50 / relay.latency.p50).toFixed(2)}×, p99 ${(ws.latency.p99 / relay.latency.p99).toFixed(2)}× (targets ≤ 1.2× and ≤ 1.5×). Vs raw ws: p50 ${(ws.latency.p50 / raw.latency.p50).toFixed(2)}×, p99 ${(ws.latency.p99 / raw.latency.p99).toFixed(2)}×.`,
    `The minimal relay storing each message (one SQLite INSERT, committed before the relay sends it on, nothing else) vs the minimal relay: p50 ${(storing.latency.p50 / relay.latency.p50).toFixed(2)}×, p99 ${(storing.latency.p99 / relay.latency.p99).toFixed(2)}×. Parley vs that storing relay: p50 ${(ws.latency.p50 / storing.latency.p50).toFixed(2)}×, p99 ${(ws.latency.p99 / storing.latency.p99).toFixed(2)}×.`,
    `Server µs to receiver: the time inside the server from a message's arrival (its packet read off the connection) to its packet for the receiver (queued for writing). Parley over WebSocket spends ${Math.round(ws.handoff.p50 - relay.handoff.p50)} µs more there at the median than the minimal relay. The relays write to every connection in the order they connected, the sender included; the receiver connects first, so it is written to first (each relay's best case).`,
  ]
}

export function fanoutSection(
  fanout: Array<FanoutResult & { system: string }>,
  sizes: number[],
  ratePerSecond: number,
): string[] {
  const ratios = sizes.flatMap((receivers) => {
    const of = (system: string) => fanout.find((row) => row.system === system && row.receivers === receivers)
    const parley = of('parley')
    const relay = of('socketio-relay')
    return parley && relay
      ? [`${(parley.deliveriesPerSecond / relay.deliveriesPerSecond).toFixed(2)}× at ${receivers}`]
      : []
  })
  return [
    `## Fan-out (10% of receivers on long-polling, sender at ${ratePerSecond} msg/s)`,
    `Receivers are spread over ${FANOUT_WORKERS} client processes.`,
    table(
      [
        'system',
        'receivers',
        'deliveries / s',
        'p50 ms',
        'p99 ms',
        'delivered / expected',
        'receivers joined, dropped',
        'server CPU µs / delivery',
        'cores busy: server / clients',
      ],
      fanout.map((row) => [
        row.system,
        row.receivers,
        Math.round(row.deliveriesPerSecond),
        ms(row.p50),
        ms(row.p99),
        `${row.delivered} / ${row.expected}`,
        `${row.connected}, ${row.dropped}`,
        row.serverCpuPerDelivery.toFixed(1),
        `${row.serverCores.toFixed(2)} / ${row.clientCores.toFixed(2)}`,
      ]),
    ),
    'Expected: messages sent times receivers joined. Dropped: receivers whose connection closed after they joined (a benchmark receiver neither reconnects nor catches up, as the app does). Cores busy: CPU time over the time messages were in flight. The server and the client processes share the machine, so their sum is bounded by its cores.',
    `Parley's deliveries per second over the minimal Socket.IO relay's: ${ratios.join(', ')} receivers (targets ≥ 0.9×, and ≥ 100,000/s at 1,000).`,
  ]
}

export function idleSection(idle: IdleResult[]): string[] {
  return [
    '## Idle capacity (server memory per joined, idle client)',
    table(
      ['clients (connected)', 'transport', 'RSS KiB / client', 'heap KiB / client'],
      idle.map((row) => [
        `${row.clients} (${row.connected})`,
        row.transport,
        (row.rssPerClient / 1024).toFixed(1),
        (row.heapPerClient / 1024).toFixed(1),
      ]),
    ),
  ]
}

export function heapSection(idle: IdleResult[]): string[] {
  const snapshots = idle.filter((row) => row.heapSnapshot !== undefined)
  if (snapshots.length === 0) return []
  return [
    '## What an idle server holds (V8 heap snapshots)',
    ...snapshots.map((row) =>
      heapMarkdown(`${row.connected} idle ${row.transport} clients`, row.heapSnapshot!, row.connected),
    ),
  ]
}

export function storageSection(storage: StorageResult): string[] {
  return [
    '## Storage',
    table(
      [
        `persisted messages / s (${STORAGE_WRITERS} writers, batched commits)`,
        'one commit each',
        'its commit: p50 / p99 / max ms',
        `50-message page out of ${storage.roomSize.toLocaleString('en')}: p50 ms`,
        'p99 ms',
        '100 of its changes (catch-up): p50 / p99 ms',
      ],
      [
        [
          Math.round(storage.ingestPerSecond),
          Math.round(storage.singleCommitPerSecond),
          `${ms(storage.commit.p50)} / ${ms(storage.commit.p99)} / ${ms(storage.commit.max)}`,
          ms(storage.page.p50),
          ms(storage.page.p99),
          `${ms(storage.changes.p50)} / ${ms(storage.changes.p99)}`,
        ],
      ],
    ),
    `Search over the same ${storage.roomSize.toLocaleString('en')} messages (20 results):`,
    table(
      [
        'index built in the background: messages / s',
        'a word in 20 messages: p50 / p99 ms',
        'a word in every message: p50 / p99 ms',
        'from: a person, one message in 50,000, no words: p50 / p99 ms',
        'event loop late meanwhile: p99 / max ms',
      ],
      [
        [
          Math.round(storage.indexPerSecond),
          `${ms(storage.searchRare.p50)} / ${ms(storage.searchRare.p99)}`,
          `${ms(storage.searchCommon.p50)} / ${ms(storage.searchCommon.p99)}`,
          `${ms(storage.searchByPerson.p50)} / ${ms(storage.searchByPerson.p99)}`,
          `${ms(storage.searchLoopDelayMs.p99)} / ${ms(storage.searchLoopDelayMs.max)}`,
        ],
      ],
    ),
  ]
}

export function filesSection(files: FileTransferResult[]): string[] {
  const size = files[0] ? `${(files[0].bytes / 2 ** 20).toFixed(0)} MiB` : ''
  return [
    '## Files',
    `One ${size} file uploaded as the app uploads it (32 KiB chunks, each waiting for its ack; the benchmark server lifts the per-connection chunk limit of 4 MiB/s), then downloaded over HTTP.`,
    table(
      [
        'transport',
        'upload MB/s',
        'server bytes in per file byte',
        'HTTP requests per MiB',
        'server CPU ms per MiB',
        'download MB/s',
        'intact',
      ],
      files.map((run) => [
        run.transport === 'websocket' ? 'WebSocket' : 'long-polling',
        run.uploadMBps.toFixed(1),
        run.wirePerByte.toFixed(2),
        run.requestsPerMiB.toFixed(1),
        run.serverCpuMsPerMiB.toFixed(0),
        run.downloadMBps.toFixed(0),
        run.intact ? 'yes' : 'NO',
      ]),
    ),
  ]
}

export function profileSection(dir: string): string[] {
  if (!existsSync(dir)) return []
  return [
    '## Where the servers spent their time (V8 CPU profiles of the measured windows)',
    `Profiles in \`${dir}\` (open them in Chrome DevTools or speedscope).`,
    ...readdirSync(dir)
      .filter((file) => file.endsWith('.cpuprofile'))
      .map((file) =>
        profileMarkdown(
          file.replace('.cpuprofile', ''),
          summarizeProfile(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')), 12),
        ),
      ),
  ]
}
