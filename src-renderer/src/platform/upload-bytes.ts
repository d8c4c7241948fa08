import { createStore, del, get, set, type UseStore } from 'idb-keyval'

/**
 * The bytes of files still uploading, by server, name and room, so an upload
 * a reload or a restart interrupted goes on afterwards: in IndexedDB (local
 * storage holds text only), or in memory where there is none (Node).
 */
const memory = new Map<string, Blob>()
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

/** Keeps a file's bytes; a failure to keep them costs only the upload's surviving a reload. */
export async function keepBytes(key: string, file: Blob): Promise<void> {
  const idb = database()
  if (!idb) return void memory.set(key, file)
  await set(key, file, idb).catch(() => {})
}

export async function loadBytes(key: string): Promise<Blob | undefined> {
  const idb = database()
  if (!idb) return memory.get(key)
  const found: unknown = await get(key, idb).catch(() => undefined)
  return found instanceof Blob ? found : undefined
}

export async function dropBytes(key: string): Promise<void> {
  const idb = database()
  if (!idb) return void memory.delete(key)
  await del(key, idb).catch(() => {})
}
