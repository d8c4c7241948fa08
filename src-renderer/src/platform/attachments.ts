import { z } from 'zod'
import type { FileInfo } from '../../../protocol'
import { fileInfoSchema } from '../../../protocol/schemas'
import { entriesOf, loadLocal, saveLocal } from './local-json'

/** A file uploaded whole for a room's next message, and when its upload began (the server keeps it an hour from then). */
export interface KeptAttachment {
  file: FileInfo
  since: number
}

/** By room id. */
export type KeptAttachments = Record<string, KeptAttachment>

const PREFIX = 'parley:attachments:'
const keptSchema = z.object({ file: fileInfoSchema, since: z.number().int().nonnegative() })
const isKept = (value: unknown): value is KeptAttachment => keptSchema.safeParse(value).success

/** Attachments waiting for their message, per server and name, kept across reloads and restarts. */
export function loadAttachments(key: string): KeptAttachments {
  return loadLocal(PREFIX + key, (stored) => entriesOf(stored, isKept))
}

export function saveAttachments(key: string, attachments: KeptAttachments): void {
  saveLocal(PREFIX + key, attachments)
}
