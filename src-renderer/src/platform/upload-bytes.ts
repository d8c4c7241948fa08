import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval'

/**
 * The bytes of files still uploading, by server, name and room, so an upload
 * a reload or a restart interrupted goes on afterwards: in IndexedDB (local
 * storage holds text only), or in memory where there is none (Node). Each
 * entry says when it was kept, so bytes nothing will resume are swept.
 */
interface KeptBytes {
  bytes: Blob
  keptAt: number
}

const memory = new Map<string, KeptBytes>()
let store: UseStore | null | undefined

function database(): UseStore | null {
  if (store === undefined) {
    try {
      store = typeof indexedDB === 'undefined' ? null : createStore('parley-upload-bytes', 'files')
    } catch {
      // Storage refused (a privacy setting): this session's uploads only.
      store = null
    }
  }
  return store
}

const isKeptBytes = (value: unknown): value is KeptBytes =>
  typeof value === 'object' &&
  value !== null &&
  (value as KeptBytes).bytes instanceof Blob &&
  typeof (value as KeptBytes).keptAt === 'number'

/** Keeps a file's bytes; a failure to keep them costs only the upload's surviving a reload. */
export async function keepBytes(key: string, file: Blob): Promise<void> {
  const kept: KeptBytes = { bytes: file, keptAt: Date.now() }
  const idb = database()
  if (!idb) return void memory.set(key, kept)
  await set(key, kept, idb).catch(() => {})
}

export async function loadBytes(key: string): Promise<Blob | undefined> {
  const idb = database()
  const found: unknown = idb ? await get(key, idb).catch(() => undefined) : memory.get(key)
  // A bare Blob: kept by the version before entries said when.
  if (found instanceof Blob) return found
  return isKeptBytes(found) ? found.bytes : undefined
}

export async function dropBytes(key: string): Promise<void> {
  const idb = database()
  if (!idb) return void memory.delete(key)
  await del(key, idb).catch(() => {})
}

/**
 * Drops every entry `useless` picks by its key and when it was kept (0 for
 * one from before entries said when): bytes whose upload nothing will resume
 * would otherwise stay until the browser's storage is cleared.
 */
export async function sweepBytes(useless: (key: string, keptAt: number) => boolean): Promise<void> {
  const idb = database()
  const all: Array<[IDBValidKey, unknown]> = idb ? await entries(idb).catch(() => []) : [...memory]
  for (const [key, value] of all) {
    if (typeof key !== 'string') continue
    if (useless(key, isKeptBytes(value) ? value.keptAt : 0)) await dropBytes(key)
  }
}
