import { createHash, randomInt, randomUUID } from 'node:crypto'
import {
  LIMITS,
  LINK_CODE_ALPHABET,
  LINK_CODE_LENGTH,
  nameKey,
  normalizeLinkCode,
  type DeviceLinkCode,
} from '../../protocol'
import type { Db } from '../storage/database'

/**
 * Which devices may use one name at the same time. Parley has no accounts: a
 * name belongs to whoever holds it while they are online, and a second
 * device under it was refused. A device that is in shows a code; another
 * device joining with it is linked to the first, and from then on either may
 * join while the other is online, after restarts too. Linked devices form a
 * group; the database keeps each device's group by a hash of its id (a
 * secret, like a session token), never the id itself.
 */
export interface DeviceLinks {
  /** A code for another device to join `name` with, once, for LIMITS.linkCodeTtlMs; the device's earlier code stops working. */
  issue(name: string, device: string): DeviceLinkCode
  /** Links `device` to the one that issued `code` for this name; false if the code is wrong, used or expired. */
  redeem(name: string, code: string, device: string): boolean
  /** Whether two devices were linked, directly or through others. */
  linked(a: string, b: string): boolean
  /** Unlinks every other device from this one's group, and voids the codes it made. */
  unlinkOthers(device: string): void
}

interface Issued {
  key: string
  device: string
  expiresAt: number
}

const hash = (device: string): string => createHash('sha256').update(device).digest('base64url')

export function createDeviceLinks(db: Db, now: () => number = Date.now): DeviceLinks {
  const codes = new Map<string, Issued>()
  const groupOf = db.prepare<[string], { group_id: string }>('SELECT group_id FROM device_links WHERE device_hash = ?')
  const place = db.prepare<[string, string]>(
    'INSERT INTO device_links (device_hash, group_id) VALUES (?, ?) ON CONFLICT (device_hash) DO UPDATE SET group_id = excluded.group_id',
  )
  const merge = db.prepare<[string, string]>('UPDATE device_links SET group_id = ? WHERE group_id = ?')
  const others = db.prepare<[string, string]>(
    'DELETE FROM device_links WHERE group_id = (SELECT group_id FROM device_links WHERE device_hash = ?) AND device_hash != ?',
  )
  const group = (device: string): string | undefined => groupOf.get(hash(device))?.group_id

  const link = db.transaction((a: string, b: string) => {
    const [groupA, groupB] = [group(a), group(b)]
    if (groupA !== undefined && groupB !== undefined) {
      if (groupA !== groupB) merge.run(groupA, groupB)
      return
    }
    const shared = groupA ?? groupB ?? randomUUID()
    place.run(hash(a), shared)
    place.run(hash(b), shared)
  })

  function sweep(): void {
    const at = now()
    for (const [code, issued] of codes) if (issued.expiresAt <= at) codes.delete(code)
  }

  return {
    issue(name, device) {
      sweep()
      for (const [code, issued] of codes) if (issued.device === device) codes.delete(code)
      let code = ''
      do {
        code = Array.from({ length: LINK_CODE_LENGTH }, () => LINK_CODE_ALPHABET[randomInt(32)]).join('')
      } while (codes.has(code))
      const expiresAt = now() + LIMITS.linkCodeTtlMs
      codes.set(code, { key: nameKey(name), device, expiresAt })
      return { code, expiresAt }
    },
    redeem(name, typed, device) {
      sweep()
      const code = normalizeLinkCode(typed)
      const issued = codes.get(code)
      if (!issued || issued.key !== nameKey(name)) return false
      codes.delete(code)
      if (issued.device !== device) link(issued.device, device)
      return true
    },
    linked(a, b) {
      if (a === b) return true
      const groupA = group(a)
      return groupA !== undefined && groupA === group(b)
    },
    unlinkOthers(device) {
      for (const [code, issued] of codes) if (issued.device === device) codes.delete(code)
      others.run(hash(device), hash(device))
    },
  }
}
