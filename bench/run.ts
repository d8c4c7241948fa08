/**
 * `npm run bench [-- --quick] [--only latency,fanout,idle,storage,files] [--receivers 1000,5000]
 *   [--idle websocket:5000,polling:1000] [--profile] [--heap] [--label text]`:
 * Parley against baselines, on loopback. Writes bench/results/<date>.md and
 * .svg (a second run that day gets <date>-2, and so on), and prints the tables.
 * `--profile` records a V8 CPU profile of every server over its measured window;
 * `--heap` a heap snapshot of the largest idle servers (after their memory is
 * measured). Both are summarized in the report.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { execFileSync } from 'node:child_process'
import { parleyPair, shortPollingPair, socketioRelayPair, wsRelayPair, type Pair } from './clients'
import { problemsIn } from './checks'
import { parseIdleRuns } from './idle-runs'
import { measurePathSteps, type PathStep } from './path-steps'
import {
  fanoutProbe,
  type FanoutProbe,
  measureIdle,
  latencyProbe,
  type LatencyProbe,
  measureStorage,
  type FanoutResult,
  type IdleResult,
  type StorageResult,
} from './scenarios'
import {
  fanoutSection,
  heapSection,
  idleSection,
  latencySection,
  pathStepsSection,
  profileSection,
  storageSection,
  filesSection,
  RELAY,
  STORING_RELAY,
  type LatencyRow,
} from './report'
import { startServerProcess, type ServerHandle } from './server-handle'
import { measureFileTransfer, type FileTransferResult } from './file-transfer'
import { LIMITS } from '../protocol'
import type { ServerKind } from './server-process'
import { latencyChart } from './chart'
import type { ClientSystem } from './client-worker'

const SCENARIOS = ['latency', 'fanout', 'idle', 'storage', 'files'] as const
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    out: { type: 'string', default: 'bench/results' },
    only: { type: 'string', default: SCENARIOS.join(',') },
    profile: { type: 'boolean' },
    label: { type: 'string' },
    receivers: { type: 'string' },
    heap: { type: 'boolean' },
    idle: { type: 'string' },
  },
})
const quick = values.quick === true
const only = new Set(values.only!.split(','))
for (const name of only) {
  if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario ${name}`)
}
const stamp = uniqueStamp(values.out!, new Date().toISOString().slice(0, 10) + (quick ? '-quick' : ''))
const profileDir = values.profile ? `${values.out}/${stamp}-profiles` : null
const snapshotDir = values.heap ? `${values.out}/${stamp}-profiles` : null
/** Server options: under --profile, each server writes `<label>.cpuprofile`. */
const serverOptions = (label: string) =>
  profileDir ? { profile: { dir: profileDir, name: label.replace(/[^a-z0-9]+/gi, '-').toLowerCase() } } : {}

/** `<date>`, or `<date>-2`, `-3`… so an earlier run of the day is never overwritten. */
function uniqueStamp(dir: string, base: string): string {
  let stamp = base
  for (let n = 2; existsSync(`${dir}/${stamp}.md`); n++) stamp = `${base}-${n}`
  return stamp
}
const progress = (line: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)

const PLAN_DEFAULT = quick
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
      fileBytes: 2 * 2 ** 20,
    }
  : {
      latencyCount: 2000,
      gapMs: 5,
      shortPollSeconds: 30,
      fanout: [100, 1000, 5000],
      fanoutMessages: 400,
      fanoutRate: 200,
      idle: { websocket: [1000, 5000], polling: [1000, 5000] },
      ingest: 100_000,
      roomSize: 1_000_000,
      fileBytes: LIMITS.fileMaxBytes,
    }

/** `--receivers 1000,5000` replaces the fan-out sizes; `--idle` the idle runs. */
const PLAN = {
  ...PLAN_DEFAULT,
  ...(values.receivers ? { fanout: values.receivers.split(',').map(Number) } : {}),
  ...(values.idle ? { idle: parseIdleRuns(values.idle) } : {}),
}

interface LatencySystem {
  system: string
  kind: ServerKind
  makePair: (url: string) => Promise<Pair>
  count: number
  gapMs: number
}

/** Rounds per fan-out size, alternating which system goes first. */
const FANOUT_ROUNDS = quick ? 1 : 4

/** Rounds per latency run: the systems take turns, so drift on a shared machine hits them all alike. */
const LATENCY_ROUNDS = quick ? 1 : 20

async function runLatency(): Promise<LatencyRow[]> {
  const { latencyCount: n, gapMs } = PLAN
  const systems: LatencySystem[] = [
    { system: 'Parley, WebSocket', kind: 'parley', makePair: (url) => parleyPair(url, 'websocket'), count: n, gapMs },
    {
      system: 'Parley, long-polling only',
      kind: 'parley',
      makePair: (url) => parleyPair(url, 'polling'),
      count: n,
      gapMs,
    },
    {
      system: 'Short polling, 1 s',
      kind: 'parley',
      makePair: (url) => shortPollingPair(url, 1000),
      count: Math.round((PLAN.shortPollSeconds * 1000) / 50),
      gapMs: 50,
    },
    { system: RELAY, kind: 'socketio-relay', makePair: socketioRelayPair, count: n, gapMs },
    { system: STORING_RELAY, kind: 'storing-relay', makePair: socketioRelayPair, count: n, gapMs },
    { system: 'Raw ws relay', kind: 'ws-relay', makePair: wsRelayPair, count: n, gapMs },
  ]
  const running: Array<LatencySystem & { server: ServerHandle; probe: LatencyProbe }> = []
  for (const entry of systems) {
    const server = await startServerProcess(entry.kind, {
      ...serverOptions(`latency ${entry.system}`),
      handoffs: true,
    })
    running.push({ ...entry, server, probe: latencyProbe(server, await entry.makePair(server.url)) })
  }
  try {
    await Promise.all(running.map(({ server }) => server.profile?.start()))
    for (let round = 0; round < LATENCY_ROUNDS; round++) {
      // Each round starts with a different system.
      const order = running.map((_, i) => running[(i + round) % running.length]!)
      for (const { system, probe, count, gapMs: gap } of order) {
        progress(`latency: ${system}, round ${round + 1}/${LATENCY_ROUNDS} (${count / LATENCY_ROUNDS} messages)`)
        await probe.round(Math.round(count / LATENCY_ROUNDS), gap)
      }
    }
    await Promise.all(running.map(({ server }) => server.profile?.stop()))
    return running.map(({ system, probe }) => ({ system, result: probe.result() }))
  } finally {
    for (const { probe, server } of running) {
      probe.close()
      await server.stop()
    }
  }
}

/**
 * Messages sent to `receivers`: at most 500,000 deliveries, so a saturated
 * server's backlog stays seconds long instead of outlasting the clients' ping timeout.
 */
const fanoutMessages = (receivers: number): number =>
  Math.max(20, Math.min(PLAN.fanoutMessages, Math.round(500_000 / receivers)))

async function runFanout(): Promise<Array<FanoutResult & { system: string }>> {
  const fanout = []
  const systems = ['parley', 'socketio-relay'] as const
  for (const receivers of PLAN.fanout) {
    // Both systems stay connected and take turns sending, like the latency rounds.
    const running: Array<{ system: ClientSystem; server: ServerHandle; probe: FanoutProbe }> = []
    try {
      for (const system of systems) {
        progress(`fan-out: ${system}, connecting ${receivers} receivers (10% polling)`)
        const server = await startServerProcess(system, serverOptions(`fanout ${system} ${receivers}`))
        running.push({ system, server, probe: await fanoutProbe(system, server, receivers, progress) })
      }
      await Promise.all(running.map(({ server }) => server.profile?.start()))
      const messages = Math.round(fanoutMessages(receivers) / FANOUT_ROUNDS)
      for (let round = 0; round < FANOUT_ROUNDS; round++) {
        for (const { system, probe } of round % 2 === 0 ? running : [...running].reverse()) {
          progress(`fan-out: ${system}, ${receivers} receivers, round ${round + 1}/${FANOUT_ROUNDS}`)
          await probe.round(messages, PLAN.fanoutRate)
        }
      }
      await Promise.all(running.map(({ server }) => server.profile?.stop()))
      for (const { system, probe } of running) fanout.push({ system, ...probe.result() })
    } finally {
      for (const { probe, server } of running) {
        await probe.close()
        await server.stop()
      }
    }
  }
  return fanout
}

function runPathSteps(): Promise<PathStep[]> {
  progress("latency: Parley's own steps, timed alone")
  return measurePathSteps(quick ? 100 : 500, PLAN.gapMs)
}

async function runIdle(): Promise<IdleResult[]> {
  const idle = []
  for (const transport of ['websocket', 'polling'] as const) {
    for (const clients of PLAN.idle[transport]) {
      progress(`idle memory: ${clients} ${transport} clients`)
      const server = await startServerProcess('parley', serverOptions(`idle ${transport} ${clients}`))
      try {
        // Under --heap, the largest run of each transport also gets a heap snapshot.
        const snapshot =
          snapshotDir && clients === Math.max(...PLAN.idle[transport])
            ? `${snapshotDir}/idle-${transport}-${clients}.heapsnapshot`
            : undefined
        idle.push(await measureIdle(server, clients, transport, progress, snapshot))
      } finally {
        await server.stop()
      }
    }
  }
  return idle
}

/** One file up and back down over each transport, on one server, WebSocket first. */
async function runFiles(): Promise<FileTransferResult[]> {
  const server = await startServerProcess('parley', serverOptions('files'))
  try {
    await server.profile?.start()
    const results = []
    for (const transport of ['websocket', 'polling'] as const) {
      progress(`files: ${(PLAN.fileBytes / 2 ** 20).toFixed(0)} MiB up and down over ${transport}`)
      results.push(await measureFileTransfer(server, transport, PLAN.fileBytes))
    }
    await server.profile?.stop()
    return results
  } finally {
    await server.stop()
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  progress(`${quick ? 'quick' : 'full'} run on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`)
  const latency = only.has('latency') ? await runLatency() : null
  const steps = only.has('latency') ? await runPathSteps() : null
  const fanout = only.has('fanout') ? await runFanout() : null
  const idle = only.has('idle') ? await runIdle() : null
  let storage: StorageResult | null = null
  if (only.has('storage')) {
    progress(`storage: ${PLAN.ingest} appends, then a page out of ${PLAN.roomSize.toLocaleString('en')} messages`)
    storage = await measureStorage(PLAN.ingest, PLAN.roomSize)
  }
  const files = only.has('files') ? await runFiles() : null

  const sections = [
    `# Parley benchmark, ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick)' : ''}${values.label ? `: ${values.label}` : ''}`,
    `Loopback, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, commit ${commit()}. Each server runs in its own process. Latency clients run in the benchmark's process, so one clock measures both ends; fan-out receivers in worker processes stamp arrivals with the system-wide monotonic clock.`,
    ...(latency ? latencySection(latency) : []),
    ...(steps
      ? pathStepsSection(steps, PLAN.gapMs, latency?.find((row) => row.system === RELAY)?.result.latency.p50)
      : []),
    ...(fanout ? fanoutSection(fanout, PLAN.fanout, PLAN.fanoutRate) : []),
    ...(idle ? idleSection(idle) : []),
    ...(idle ? heapSection(idle) : []),
    ...(storage ? storageSection(storage) : []),
    ...(files ? filesSection(files) : []),
    ...(profileDir ? profileSection(profileDir) : []),
    `Took ${Math.round((Date.now() - started) / 1000)} s.`,
  ]
  const markdown = `${sections.join('\n\n')}\n`
  console.log(`\n${markdown}`)
  mkdirSync(values.out!, { recursive: true })
  const chart = latency ? `\n![latency](${stamp}.svg)\n` : ''
  writeFileSync(`${values.out}/${stamp}.md`, `${markdown}${chart}`)
  if (latency) {
    writeFileSync(
      `${values.out}/${stamp}.svg`,
      latencyChart(
        latency.map(({ system, result }) => ({ label: system, p50: result.latency.p50, p99: result.latency.p99 })),
      ),
    )
  }
  progress(`wrote ${values.out}/${stamp}.md${latency ? ' and .svg' : ''}`)
  const problems = problemsIn({ latency, fanout, idle, storage, files })
  for (const problem of problems) console.error(`bench: ${problem}`)
  process.exit(problems.length > 0 ? 1 : 0)
}

/** The commit measured, so a result can be traced to its code. */
function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim()
    return dirty ? `${head} (with local changes)` : head
  } catch {
    return 'unknown'
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
