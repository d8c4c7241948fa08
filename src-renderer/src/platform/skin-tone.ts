import type { SkinTone } from '../lib/emoji-search'
import { loadLocal, saveLocal } from './local-json'

const KEY = 'parley:skin-tone'

/** The skin tone this browser or app picks emoji in: 0, none, until one is chosen. */
export function loadSkinTone(): SkinTone {
  return loadLocal(KEY, (stored) =>
    typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 && stored <= 5 ? (stored as SkinTone) : 0,
  )
}

export function saveSkinTone(tone: SkinTone): void {
  saveLocal(KEY, tone)
}
