/**
 * Reads a V8 heap snapshot and tells what the heap is made of: self size and
 * count per constructor (or node type), largest first. Used by
 * `npm run bench -- --profile` for the idle servers, and by hand:
 * `tsx bench/heap-summary.ts <file.heapsnapshot>`.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { table } from './stats'

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
  strings: string[]
}

export interface HeapGroup {
  name: string
  count: number
  bytes: number
}

export function summarizeHeap(snapshot: HeapSnapshot, top = 15): { totalBytes: number; groups: HeapGroup[] } {
  const fields = snapshot.snapshot.meta.node_fields
  const types = snapshot.snapshot.meta.node_types[0]
  const stride = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const groups = new Map<string, HeapGroup>()
  let totalBytes = 0
  for (let i = 0; i < snapshot.nodes.length; i += stride) {
    const type = types[snapshot.nodes[i + typeAt]!]!
    const size = snapshot.nodes[i + sizeAt]!
    totalBytes += size
    // Objects by constructor; strings, code, arrays… by kind.
    const name = type === 'object' || type === 'native' ? snapshot.strings[snapshot.nodes[i + nameAt]!]! : `(${type})`
    const group = groups.get(name) ?? { name, count: 0, bytes: 0 }
    group.count++
    group.bytes += size
    groups.set(name, group)
  }
  return { totalBytes, groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top) }
}

export function heapMarkdown(title: string, file: string, perClientOf: number): string {
  const { totalBytes, groups } = summarizeHeap(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot)
  const kib = (bytes: number): string => (bytes / 1024).toFixed(1)
  return [
    `### ${title}`,
    `Heap ${kib(totalBytes)} KiB in all; per client, each group's size divided by ${perClientOf} clients.`,
    table(
      ['constructor or kind', 'count', 'KiB', 'bytes / client'],
      groups.map((group) => [
        `\`${group.name.slice(0, 60)}\``,
        group.count,
        kib(group.bytes),
        Math.round(group.bytes / perClientOf),
      ]),
    ),
  ].join('\n\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const file of process.argv.slice(2)) console.log(heapMarkdown(file, file, 1))
}
