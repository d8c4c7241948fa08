const memory = new Map<string, unknown>()

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    // Storage refused (a sandboxed frame, a privacy setting): memory only.
    return undefined
  }
}

/**
 * What the app keeps per server and name across reloads and restarts, in
 * local storage (the desktop app's page has its own, in its user-data
 * folder), or in memory where there is none (Node). `parse` keeps only what
 * is well formed: the stored text may come from an older version, or be edited.
 */
export function loadLocal<T>(key: string, parse: (stored: unknown) => T): T {
  const local = storage()
  if (!local) return parse(structuredClone(memory.get(key) ?? null))
  try {
    return parse(JSON.parse(local.getItem(key) ?? 'null'))
  } catch {
    return parse(null)
  }
}

export function saveLocal(key: string, value: unknown): void {
  const local = storage()
  if (!local) return void memory.set(key, structuredClone(value))
  try {
    local.setItem(key, JSON.stringify(value))
  } catch {
    // Full: this session's changes are lost, nothing else.
  }
}

/** The entries of a stored object whose values pass `keep`; {} for anything else. */
export function entriesOf<V>(stored: unknown, keep: (value: unknown) => value is V): Record<string, V> {
  if (typeof stored !== 'object' || stored === null) return {}
  return Object.fromEntries(Object.entries(stored).filter(([, value]) => keep(value))) as Record<string, V>
}
