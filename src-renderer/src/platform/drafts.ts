import { LIMITS } from '../../../protocol'
import { entriesOf, loadLocal, saveLocal } from './local-json'

/** What was typed and not sent, by room id. */
export type Drafts = Record<string, string>

const PREFIX = 'parley:drafts:'
const isDraft = (text: unknown): text is string =>
  typeof text === 'string' && text.trim() !== '' && text.length <= LIMITS.messageMaxLength * 2

/** Drafts per server and name, kept across reloads and restarts. */
export function loadDrafts(key: string): Drafts {
  return loadLocal(PREFIX + key, (stored) => entriesOf(stored, isDraft))
}

export function saveDrafts(key: string, drafts: Drafts): void {
  saveLocal(PREFIX + key, drafts)
}
