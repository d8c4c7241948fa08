import { isIP } from 'node:net'
import { nameKey, type Removal } from '../../protocol'

/** Who is asking to join: each is a way a removal can recognise them. */
export interface Joiner {
  name: string
  device: string
  address: string
}

/** What a removal bars besides the name: the person's devices and addresses as the server saw them. */
export interface Removed {
  name: string
  devices: string[]
  addresses: string[]
}

/** A removal as kept on disk: what it says, and every key it bars (name, devices, addresses). */
export interface StoredRemoval {
  removal: Removal
  keys: string[]
}

/** Where removals outlive the server process; the in-memory maps stay the one place joins are checked. */
export interface RemovalStore {
  /** Every removal kept, expired ones included (they are dropped at the next sweep). */
  load(): StoredRemoval[]
  save(nameKey: string, stored: StoredRemoval): void
  delete(nameKey: string): void
}

/**
 * People kept out of the server for a while. A name alone would not hold
 * anyone back (another name is one keystroke away), so a removal also bars
 * the devices and the addresses the person used. Loopback is never barred:
 * on the server's own computer it is every local user's address, the host's
 * included. Checked in memory; with a store, kept across restarts too.
 */
export interface Removals {
  remove(who: Removed, by: string, until: number): Removal
  /** The removal that keeps this joiner out, if any. */
  barring(joiner: Joiner): Removal | undefined
  /** Lets a name back in, with its devices and addresses; false if it was not kept out. */
  lift(name: string): boolean
  /** Everyone kept out now, the soonest back first. */
  list(): Removal[]
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address
  if (isIP(plain) === 4) return plain.startsWith('127.')
  return plain === '::1'
}

export function createRemovals(now: () => number = Date.now, store?: RemovalStore): Removals {
  // By name key; `barred` maps every key (name, device, address) to its name key.
  const entries = new Map<string, StoredRemoval>()
  const barred = new Map<string, string>()

  function keep(key: string, entry: StoredRemoval): void {
    entries.set(key, entry)
    for (const barredKey of entry.keys) barred.set(barredKey, key)
  }

  function drop(key: string): void {
    const entry = entries.get(key)
    if (!entry) return
    entries.delete(key)
    store?.delete(key)
    for (const barredKey of entry.keys) if (barred.get(barredKey) === key) barred.delete(barredKey)
  }

  for (const entry of store?.load() ?? []) keep(nameKey(entry.removal.name), entry)

  function sweep(): void {
    const at = now()
    for (const [key, entry] of entries) if (entry.removal.until <= at) drop(key)
  }

  return {
    remove({ name, devices, addresses }, by, until) {
      sweep()
      const key = nameKey(name)
      drop(key)
      const keys = [
        ...new Set([
          `name:${key}`,
          ...devices.map((device) => `device:${device}`),
          ...addresses.filter((address) => !isLoopback(address)).map((address) => `address:${address}`),
        ]),
      ]
      const removal: Removal = { name, by, until }
      keep(key, { removal, keys })
      store?.save(key, { removal, keys })
      return removal
    },
    barring({ name, device, address }) {
      sweep()
      for (const barredKey of [`name:${nameKey(name)}`, `device:${device}`, `address:${address}`]) {
        const key = barred.get(barredKey)
        if (key !== undefined) return entries.get(key)?.removal
      }
      return undefined
    },
    lift(name) {
      sweep()
      const key = nameKey(name)
      const had = entries.has(key)
      drop(key)
      return had
    },
    list() {
      sweep()
      return [...entries.values()].map((entry) => entry.removal).sort((a, b) => a.until - b.until)
    },
  }
}
