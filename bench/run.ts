/**
 * `npm run bench [-- --quick]`: Parley against baselines, on loopback.
 * Writes bench/results/<date>.md and .svg, and prints the tables.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { parleyPair, shortPollingPair, socketioRelayPair, wsRelayPair, type Pair } from './clients'
import { measureFanout, measureIdle, measureLatency, measureStorage, type LatencyResult } from './scenarios'
import { startServerProcess } from './server-handle'
import type { ServerKind } from './server-process'
import { latencyChart } from './chart'
import { ms, table } from './stats'

const { values } = parseArgs({
  options: { quick: { type: 'boolean' }, out: { type: 'string', default: 'bench/results' } },
})
const quick = values.quick === true
const progress = (line: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)

const PLAN = quick
  ? {
      latencyCount: 150,
      gapMs: 5,
      shortPollSeconds: 4,
      fanout: [100],
      fanoutMessages: 40,
      fanoutRate: 100,
      idle: { websocket: [300], polling: [300] },
      ingest: 10_000,
      roomSize: 100_000,
    }
  : {
      latencyCount: 2000,
      gapMs: 5,
      shortPollSeconds: 30,
      fanout: [100, 1000],
      fanoutMessages: 400,
      fanoutRate: 200,
      // socket.io-client polling clients are heavy for one process: 5,000 of them do not fit in the time.
      idle: { websocket: [1000, 5000], polling: [1000, 2500] },
      ingest: 100_000,
      roomSize: 1_000_000,
    }

interface LatencyRow {
  system: string
  result: LatencyResult
}

async function latencyOf(
  system: string,
  kind: ServerKind,
  makePair: (url: string) => Promise<Pair>,
  count: number,
  gapMs: number,
): Promise<LatencyRow> {
  progress(`latency: ${system} (${count} messages)`)
  const server = await startServerProcess(kind)
  try {
    return { system, result: await measureLatency(server, await makePair(server.url), count, gapMs) }
  } finally {
    server.stop()
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  progress(`${quick ? 'quick' : 'full'} run on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`)
  const { latencyCount: n, gapMs } = PLAN
  const latency: LatencyRow[] = [
    await latencyOf('Parley, WebSocket', 'parley', (url) => parleyPair(url, 'websocket'), n, gapMs),
    await latencyOf('Parley, long-polling only', 'parley', (url) => parleyPair(url, 'polling'), n, gapMs),
    await latencyOf(
      'Short polling, 1 s',
      'parley',
      (url) => shortPollingPair(url, 1000),
      Math.round((PLAN.shortPollSeconds * 1000) / 50),
      50,
    ),
    await latencyOf('Minimal Socket.IO relay', 'socketio-relay', socketioRelayPair, n, gapMs),
    await latencyOf('Raw ws relay', 'ws-relay', wsRelayPair, n, gapMs),
  ]

  const fanout = []
  for (const receivers of PLAN.fanout) {
    for (const system of ['parley', 'socketio-relay'] as const) {
      progress(`fan-out: ${system}, ${receivers} receivers (10% polling)`)
      const server = await startServerProcess(system)
      try {
        fanout.push({
          system,
          ...(await measureFanout(system, server.url, receivers, PLAN.fanoutMessages, PLAN.fanoutRate, progress)),
        })
      } finally {
        server.stop()
      }
    }
  }

  const idle = []
  for (const transport of ['websocket', 'polling'] as const) {
    for (const clients of PLAN.idle[transport]) {
      progress(`idle memory: ${clients} ${transport} clients`)
      const server = await startServerProcess('parley')
      try {
        idle.push(await measureIdle(server, clients, transport))
      } finally {
        server.stop()
      }
    }
  }

  progress(`storage: ${PLAN.ingest} appends, then a page out of ${PLAN.roomSize.toLocaleString('en')} messages`)
  const storage = measureStorage(PLAN.ingest, PLAN.roomSize)

  const byName = (name: string) => latency.find((row) => row.system === name)!.result
  const ws = byName('Parley, WebSocket')
  const relay = byName('Minimal Socket.IO relay')
  const raw = byName('Raw ws relay')
  const sections = [
    `# Parley benchmark, ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick)' : ''}`,
    `Loopback, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}. Each server runs in its own process; clients run in the benchmark's process, so one clock measures both ends.`,
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
        r.delivered,
      ]),
    ),
    `Parley over WebSocket vs the minimal Socket.IO relay: p50 ${(ws.latency.p50 / relay.latency.p50).toFixed(2)}×, p99 ${(ws.latency.p99 / relay.latency.p99).toFixed(2)}× (targets ≤ 1.2× and ≤ 1.5×). Vs raw ws: p50 ${(ws.latency.p50 / raw.latency.p50).toFixed(2)}×, p99 ${(ws.latency.p99 / raw.latency.p99).toFixed(2)}×.`,
    `## Fan-out (10% of receivers on long-polling, sender at ${PLAN.fanoutRate} msg/s)`,
    table(
      ['system', 'receivers', 'deliveries / s', 'p99 ms', 'delivered / expected'],
      fanout.map((row) => [
        row.system,
        row.receivers,
        Math.round(row.deliveriesPerSecond),
        ms(row.p99),
        `${row.delivered} / ${row.expected}`,
      ]),
    ),
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
    '## Storage',
    table(
      [
        'persisted messages / s (one commit each)',
        `50-message page out of ${storage.roomSize.toLocaleString('en')}: p50 ms`,
        'p99 ms',
      ],
      [[Math.round(storage.ingestPerSecond), ms(storage.page.p50), ms(storage.page.p99)]],
    ),
    `Took ${Math.round((Date.now() - started) / 1000)} s.`,
  ]
  const markdown = `${sections.join('\n\n')}\n`
  console.log(`\n${markdown}`)
  mkdirSync(values.out!, { recursive: true })
  const stamp = new Date().toISOString().slice(0, 10) + (quick ? '-quick' : '')
  writeFileSync(`${values.out}/${stamp}.md`, `${markdown}\n![latency](${stamp}.svg)\n`)
  writeFileSync(
    `${values.out}/${stamp}.svg`,
    latencyChart(
      latency.map(({ system, result }) => ({ label: system, p50: result.latency.p50, p99: result.latency.p99 })),
    ),
  )
  progress(`wrote ${values.out}/${stamp}.md and .svg`)
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
