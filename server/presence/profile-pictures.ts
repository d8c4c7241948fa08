import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/** The image types a picture may be, each told by its first bytes: what a browser shows, and nothing that runs. */
const SIGNATURES: ReadonlyArray<{ type: string; matches: (bytes: Uint8Array) => boolean }> = [
  { type: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  // RIFF, four bytes of length, then WEBP.
  {
    type: 'image/webp',
    matches: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
  },
]

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte)
}

/** The type of an image by its bytes, or null for anything else (whatever its sender called it). */
export function pictureType(bytes: Uint8Array): string | null {
  return SIGNATURES.find((signature) => signature.matches(bytes))?.type ?? null
}

export interface StoredPicture {
  type: string
  bytes: Buffer
  version: number
}

/** Each name's profile picture, kept in SQLite; the versions also in memory, as every join lists them. */
export interface ProfilePictureStore {
  /** Keeps `bytes` (of `type`) as `name`'s picture; its version, which only grows. */
  set(name: string, bytes: Uint8Array, type: string): number
  /** Takes `name`'s picture off; whether there was one. */
  clear(name: string): boolean
  /** The picture of a name key, if there is one. */
  get(key: string): StoredPicture | undefined
  /** Every name key with a picture, to its version (undefined for none): one object, made again only when a picture changes. */
  versions(): Readonly<Record<string, number>> | undefined
}

export function createSqlitePictures(db: Db): ProfilePictureStore {
  const upsert = db.prepare<[string, string, Buffer, number]>(
    `INSERT INTO profile_pictures (name_key, type, bytes, version) VALUES (?, ?, ?, ?)
     ON CONFLICT (name_key) DO UPDATE SET type = excluded.type, bytes = excluded.bytes, version = excluded.version`,
  )
  const remove = db.prepare<[string]>('DELETE FROM profile_pictures WHERE name_key = ?')
  const select = db.prepare<[string], StoredPicture>(
    'SELECT type, bytes, version FROM profile_pictures WHERE name_key = ?',
  )
  const all = db.prepare<[], { name_key: string; version: number }>('SELECT name_key, version FROM profile_pictures')
  const versions = new Map(all.all().map((row) => [row.name_key, row.version]))
  // Every join sends it: a restart's N joins share one, rather than making N copies of it.
  let listed: Readonly<Record<string, number>> | null = null
  // Versions are times, moved on where two come in one millisecond (or the clock went back).
  let latest = Math.max(0, ...versions.values())
  return {
    set(name, bytes, type) {
      const key = nameKey(name)
      const version = (latest = Math.max(latest + 1, Date.now()))
      upsert.run(key, type, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), version)
      versions.set(key, version)
      listed = null
      return version
    },
    clear(name) {
      const key = nameKey(name)
      remove.run(key)
      listed = null
      return versions.delete(key)
    },
    get: (key) => select.get(key),
    versions: () => (versions.size === 0 ? undefined : (listed ??= Object.freeze(Object.fromEntries(versions)))),
  }
}
