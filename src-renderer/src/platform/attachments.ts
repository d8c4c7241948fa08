import { z } from 'zod'
import type { FileInfo } from '../../../protocol'
import { fileInfoSchema } from '../../../protocol/schemas'
import { entriesOf, loadLocal, saveLocal } from './local-json'

/**
 * A file for a room's next message that the server has taken on: uploaded
 * whole, or still going up (its bytes are kept apart, upload-bytes.ts); and
 * when its upload began (the server keeps an unsent file an hour from then).
 */
export interface KeptAttachment {
  file: FileInfo
  since: number
  whole: boolean
}

/** By room id. */
export type KeptAttachments = Record<string, KeptAttachment>

const PREFIX = 'parley:attachments:'
const keptSchema = z.object({ file: fileInfoSchema, since: z.number().int().nonnegative(), whole: z.boolean() })
const isKept = (value: unknown): value is KeptAttachment => keptSchema.safeParse(value).success

/** Attachments waiting for their message, per server and name, kept across reloads and restarts. */
export function loadAttachments(key: string): KeptAttachments {
  return loadLocal(PREFIX + key, (stored) => entriesOf(stored, isKept))
}

export function saveAttachments(key: string, attachments: KeptAttachments): void {
  saveLocal(PREFIX + key, attachments)
}
