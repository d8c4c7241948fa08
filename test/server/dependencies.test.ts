import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The lowest versions free of the published advisories for the real-time
 * stack (for example ws < 8.17.1: a request with many headers crashes the
 * server; socket.io-parser < 4.2.3: a crafted packet throws; engine.io
 * < 6.4.2: a crafted request crashes; socket.io < 4.6.2: an unhandled error).
 */
const FLOORS: Record<string, string> = {
  ws: '8.17.1',
  'socket.io-parser': '4.2.4',
  'engine.io': '6.5.5',
  'socket.io': '4.7.5',
}

function compare(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('-')[0]!.split('.').map(Number))
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return (x![i] ?? 0) - (y![i] ?? 0)
  return 0
}

describe('dependencies', () => {
  it('lock no known-vulnerable version of socket.io, engine.io, ws or socket.io-parser', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version?: string }>
    }
    const found: string[] = []
    for (const [path, { version }] of Object.entries(lock.packages)) {
      const name = path.split('node_modules/').at(-1)!
      const floor = FLOORS[name]
      if (!floor || !version) continue
      found.push(`${name}@${version}`)
      expect(compare(version, floor), `${path} is ${version}, below ${floor}`).toBeGreaterThanOrEqual(0)
    }
    for (const name of ['ws', 'socket.io-parser', 'engine.io', 'socket.io']) {
      expect(found.some((entry) => entry.startsWith(`${name}@`))).toBe(true)
    }
  })
})
