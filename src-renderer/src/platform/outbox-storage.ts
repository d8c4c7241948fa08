import { createStore, del, get, set } from 'idb-keyval'
import type { OutboxEntry } from '../../../protocol'
import { desktopBridge } from './bridge'

export interface OutboxStorage {
  load(key: string): Promise<OutboxEntry[]>
  save(key: string, entries: OutboxEntry[]): Promise<void>
}

const memory = new Map<string, OutboxEntry[]>()

/**
 * Where unsent messages wait across reloads and restarts: the user-data folder
 * through the bridge in the desktop app, IndexedDB in a browser, memory where
 * neither exists (Node).
 */
export function outboxStorage(): OutboxStorage {
  const bridge = desktopBridge()
  if (bridge) {
    return {
      load: async (key) => {
        const result = await bridge.loadOutbox(key)
        return 'data' in result ? result.data : []
      },
      save: async (key, entries) => void (await bridge.saveOutbox(key, entries)),
    }
  }
  if (typeof indexedDB !== 'undefined') {
    const store = createStore('parley', 'outbox')
    return {
      load: async (key) => (await get<OutboxEntry[]>(key, store)) ?? [],
      save: (key, entries) => (entries.length === 0 ? del(key, store) : set(key, entries, store)),
    }
  }
  return {
    load: async (key) => memory.get(key) ?? [],
    save: async (key, entries) => void memory.set(key, entries),
  }
}
