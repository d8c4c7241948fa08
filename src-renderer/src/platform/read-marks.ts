import { entriesOf, loadLocal, saveLocal } from './local-json'

/** How far each room was read, by room id: every message up to that id was seen. */
export type ReadMarks = Record<string, number>

const PREFIX = 'parley:read-marks:'
const isMark = (upTo: unknown): upTo is number => Number.isSafeInteger(upTo) && (upTo as number) >= 0

/** Read marks per server and name, kept across reloads and restarts. */
export function loadReadMarks(key: string): ReadMarks {
  return loadLocal(PREFIX + key, (stored) => entriesOf(stored, isMark))
}

export function saveReadMarks(key: string, marks: ReadMarks): void {
  saveLocal(PREFIX + key, marks)
}
