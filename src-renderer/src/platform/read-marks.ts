/** How far each room was read, by room id: every message up to that id was seen. */
export type ReadMarks = Record<string, number>

const PREFIX = 'parley:read-marks:'
const memory = new Map<string, ReadMarks>()

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    // Storage refused (a sandboxed frame, a privacy setting): memory only.
    return undefined
  }
}

/**
 * Read marks per server and name, kept across reloads and restarts in local
 * storage (the desktop app's page has its own, in its user-data folder), or
 * in memory where there is none (Node).
 */
export function loadReadMarks(key: string): ReadMarks {
  const local = storage()
  if (!local) return { ...memory.get(key) }
  try {
    const stored: unknown = JSON.parse(local.getItem(PREFIX + key) ?? '{}')
    if (typeof stored !== 'object' || stored === null) return {}
    return Object.fromEntries(
      Object.entries(stored).filter(([, upTo]) => Number.isSafeInteger(upTo) && (upTo as number) >= 0),
    ) as ReadMarks
  } catch {
    return {}
  }
}

export function saveReadMarks(key: string, marks: ReadMarks): void {
  const local = storage()
  if (!local) return void memory.set(key, { ...marks })
  try {
    local.setItem(PREFIX + key, JSON.stringify(marks))
  } catch {
    // Full: the marks of this session are lost, nothing else.
  }
}
