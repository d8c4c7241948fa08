import type { LatencyRow } from './report'
import type { FileTransferResult } from './file-transfer'
import type { FanoutResult, IdleResult, StorageResult } from './scenarios'

export interface RunResults {
  latency: LatencyRow[] | null
  fanout: FanoutResult[] | null
  idle: IdleResult[] | null
  storage: StorageResult | null
  files: FileTransferResult[] | null
}

/**
 * What would make a run's numbers unusable, one line each. The run still
 * writes its report, then fails, so the test command's quick run proves the
 * benchmark measures, not only that it ends. Loopback without faults loses
 * no message; only a loaded machine may keep a few clients from joining.
 */
export function problemsIn({ latency, fanout, idle, storage, files }: RunResults): string[] {
  const problems: string[] = []
  for (const { system, result } of latency ?? []) {
    if (result.delivered !== result.sent) problems.push(`${system}: ${result.delivered} of ${result.sent} delivered`)
    if (!Number.isFinite(result.latency.p50)) problems.push(`${system}: no latency measured`)
    // The short-polling receiver reads the REST endpoint: no packet to time.
    const timed = !system.startsWith('Short polling')
    if (timed && !Number.isFinite(result.handoff.p50)) problems.push(`${system}: no hand-off timed in the server`)
  }
  for (const run of fanout ?? []) {
    if (run.delivered === 0) problems.push(`fan-out to ${run.receivers}: nothing delivered`)
  }
  for (const run of idle ?? []) {
    if (run.connected < run.clients * 0.95) {
      problems.push(`idle ${run.transport}: ${run.connected} of ${run.clients} clients joined`)
    }
  }
  if (
    storage &&
    !(storage.ingestPerSecond > 0 && Number.isFinite(storage.page.p50) && Number.isFinite(storage.changes.p50))
  ) {
    problems.push('storage: no ingest rate, page or catch-up time measured')
  }
  if (storage && !(storage.indexPerSecond > 0 && Number.isFinite(storage.searchRare.p50))) {
    problems.push('storage: no search index rate or search time measured')
  }
  if (storage && storage.byPerson.found !== Math.min(20, storage.byPerson.wrote)) {
    const { found, wrote } = storage.byPerson
    problems.push(`storage: a search by person found ${found} of the ${wrote} messages they wrote`)
  }
  for (const run of files ?? []) {
    if (!run.intact) problems.push(`files over ${run.transport}: the download differs from the upload`)
    if (!(run.uploadMBps > 0)) problems.push(`files over ${run.transport}: no upload rate measured`)
  }
  return problems
}
