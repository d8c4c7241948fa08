import { z } from 'zod'
import { LIMITS, type OutboxEntry } from '../protocol'
import { fileInfoSchema, forwardedSchema, pollSchema, quoteSchema } from '../protocol/schemas'
import { readJsonFile, writeJsonFile } from './json-file'

const entrySchema = z.strictObject({
  clientId: z.string().min(1).max(64),
  roomId: z.string().min(1).max(64),
  text: z.string().max(LIMITS.messageMaxLength),
  author: z.string().max(64),
  ts: z.number(),
  state: z.enum(['pending', 'failed']),
  error: z.string().max(500).optional(),
  replyTo: quoteSchema.optional(),
  file: fileInfoSchema.optional(),
  poll: pollSchema.optional(),
  forwarded: forwardedSchema.optional(),
})

/** How many unsent messages one outbox holds; beyond that typing offline must wait. */
export const OUTBOX_MAX_ENTRIES = 1000

export const outboxKeySchema = z.string().min(1).max(300)
export const outboxSaveSchema = z.strictObject({
  key: outboxKeySchema,
  entries: z.array(entrySchema).max(OUTBOX_MAX_ENTRIES),
})

export interface OutboxStore {
  load(key: string): OutboxEntry[]
  save(key: string, entries: OutboxEntry[]): void
}

/**
 * Every outbox in one JSON file in the user-data folder, keyed by server and
 * name. The file is read once; this process is its only writer, so each save
 * writes what it holds without reading the file again.
 */
export function createOutboxStore(file: string): OutboxStore {
  let all: Record<string, OutboxEntry[]> | undefined
  const read = (): Record<string, OutboxEntry[]> => {
    if (all === undefined) {
      const parsed = z.record(z.string(), z.array(entrySchema)).safeParse(readJsonFile(file))
      all = parsed.success ? parsed.data : {}
    }
    return all
  }
  return {
    load: (key) => read()[key] ?? [],
    save(key, entries) {
      const outboxes = read()
      if (entries.length === 0) delete outboxes[key]
      else outboxes[key] = entries
      writeJsonFile(file, outboxes)
    },
  }
}
