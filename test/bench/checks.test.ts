import { describe, expect, it } from 'vitest'
import { problemsIn, type RunResults } from '../../bench/checks'
import type { LatencyResult } from '../../bench/scenarios'

const summary = (p50: number) => ({ count: 100, mean: p50, p50, p95: p50, p99: p50, max: p50 })

function latencyRow(system: string, changes: Partial<LatencyResult> = {}) {
  const result: LatencyResult = {
    latency: summary(1),
    sent: 100,
    delivered: 100,
    requestsPerMessage: 0,
    bytesPerMessage: 300,
    cpuMicrosPerMessage: 1000,
    handoff: summary(400),
    ...changes,
  }
  return { system, result }
}

const complete = (): RunResults => ({
  latency: [
    latencyRow('Parley, WebSocket'),
    latencyRow('Short polling, 1 s', { handoff: summary(NaN), sent: 80, delivered: 80 }),
  ],
  fanout: [
    {
      receivers: 100,
      deliveriesPerSecond: 19_000,
      p50: 18,
      p99: 45,
      delivered: 40_000,
      expected: 40_000,
      connected: 100,
      dropped: 0,
      serverCpuPerDelivery: 30,
      serverCores: 0.5,
      clientCores: 0.7,
    },
  ],
  idle: [{ clients: 300, connected: 300, transport: 'polling', rssPerClient: 20_000, heapPerClient: 9_000 }],
  storage: {
    ingestPerSecond: 90_000,
    singleCommitPerSecond: 18_000,
    commit: summary(0.03),
    ingested: 10_000,
    roomSize: 100_000,
    page: summary(0.2),
    changes: summary(0.1),
    indexPerSecond: 80_000,
    searchRare: summary(0.3),
    searchCommon: summary(2),
    searchByPerson: summary(0.4),
    byPerson: { wrote: 2, found: 2 },
    searchLoopDelayMs: { p99: 1.2, max: 3 },
  },
  files: [
    {
      transport: 'websocket',
      bytes: 2 ** 21,
      uploadMBps: 20,
      downloadMBps: 300,
      wirePerByte: 1.01,
      requestsPerMiB: 0,
      serverCpuMsPerMiB: 40,
      intact: true,
    },
  ],
})

describe('benchmark run checks', () => {
  it('finds nothing wrong with a complete run, short polling having no hand-off to time', () => {
    expect(problemsIn(complete())).toEqual([])
  })

  it('fails a run that lost a message, timed no hand-off, or measured nothing', () => {
    const run = complete()
    run.latency = [
      latencyRow('Parley, WebSocket', { delivered: 99 }),
      latencyRow('Minimal Socket.IO relay', { handoff: summary(NaN) }),
      latencyRow('Raw ws relay', { delivered: 0, latency: summary(NaN) }),
    ]
    run.fanout![0]!.delivered = 0
    run.storage!.changes = summary(NaN)
    run.storage!.searchRare = summary(NaN)
    run.storage!.byPerson.found = 1
    run.files = [{ ...run.files![0]!, transport: 'polling', intact: false, uploadMBps: NaN }]
    expect(problemsIn(run)).toEqual([
      'Parley, WebSocket: 99 of 100 delivered',
      'Minimal Socket.IO relay: no hand-off timed in the server',
      'Raw ws relay: 0 of 100 delivered',
      'Raw ws relay: no latency measured',
      'fan-out to 100: nothing delivered',
      'storage: no ingest rate, page or catch-up time measured',
      'storage: no search index rate or search time measured',
      'storage: a search by person found 1 of the 2 messages they wrote',
      'files over polling: the download differs from the upload',
      'files over polling: no upload rate measured',
    ])
  })

  it('lets a loaded machine keep a few idle clients from joining, not more', () => {
    const run = complete()
    run.idle![0]!.connected = 290
    expect(problemsIn(run)).toEqual([])
    run.idle![0]!.connected = 280
    expect(problemsIn(run)).toEqual(['idle polling: 280 of 300 clients joined'])
  })
})
