/**
 * Reads a V8 `.cpuprofile` and tells where the time went: self time by
 * package (or project folder) and the hottest functions. Used by
 * `npm run bench -- --profile` and by hand: `tsx bench/profile-summary.ts <file>`.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { table } from './stats'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  totalMs: number
  /** Self time outside idle, in ms. */
  busyMs: number
  byOwner: Array<{ owner: string; ms: number }>
  byFunction: Array<{ fn: string; owner: string; ms: number }>
}

/** `socket.io`, `better-sqlite3`, `server/messages`, `node:internal`, `(gc)`… */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  const modules = url.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/')
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
  }
  if (url.startsWith('node:')) return 'node'
  const project = url.match(/\/(server|protocol|bench|netsim)\/([^/]+)\//)
  if (project) return `${project[1]}/${project[2]}`
  const file = url.match(/\/(server|protocol|bench|netsim)\/[^/]+$/)
  return file ? file[1]! : url
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfById = new Map<number, number>()
  let totalUs = 0
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    totalUs += delta
    selfById.set(id, (selfById.get(id) ?? 0) + delta)
  })
  const owners = new Map<string, number>()
  const functions = new Map<string, { fn: string; owner: string; ms: number }>()
  let idleUs = 0
  for (const [id, us] of selfById) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    if (functionName === '(idle)' || functionName === '(program)') {
      idleUs += functionName === '(idle)' ? us : 0
      if (functionName === '(idle)') continue
    }
    const owner = ownerOf(url, functionName)
    owners.set(owner, (owners.get(owner) ?? 0) + us / 1000)
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-1)[0] ?? ''}:${lineNumber + 1}`
    const entry = functions.get(key) ?? { fn: key, owner, ms: 0 }
    entry.ms += us / 1000
    functions.set(key, entry)
  }
  const sorted = <T extends { ms: number }>(items: Iterable<T>): T[] => [...items].sort((a, b) => b.ms - a.ms)
  return {
    totalMs: totalUs / 1000,
    busyMs: (totalUs - idleUs) / 1000,
    byOwner: sorted([...owners].map(([owner, ms]) => ({ owner, ms }))).slice(0, top),
    byFunction: sorted(functions.values()).slice(0, top),
  }
}

export function profileMarkdown(title: string, summary: ProfileSummary): string {
  const share = (ms: number): string => `${((100 * ms) / (summary.busyMs || 1)).toFixed(1)}%`
  return [
    `### ${title}`,
    `Busy ${summary.busyMs.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms profiled.`,
    table(
      ['self time by owner', 'ms', 'share of busy'],
      summary.byOwner.map((row) => [row.owner, row.ms.toFixed(1), share(row.ms)]),
    ),
    table(
      ['hottest functions (self)', 'owner', 'ms', 'share'],
      summary.byFunction.map((row) => [`\`${row.fn}\``, row.owner, row.ms.toFixed(1), share(row.ms)]),
    ),
  ].join('\n\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const file of process.argv.slice(2)) {
    console.log(profileMarkdown(file, summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)))
  }
}
