import { z } from 'zod'
import type { Settings } from '../protocol'
import { readJsonFile, writeJsonFile } from './json-file'

const settingsSchema = z.object({
  serverUrl: z.string().max(2048).catch(''),
  displayName: z.string().max(64).catch(''),
})

export const settingsPatchSchema = z.strictObject({
  serverUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  displayName: z.string().max(64).optional(),
})

export interface SettingsStore {
  get(): Settings
  update(patch: z.infer<typeof settingsPatchSchema>): Settings
}

/** Settings in one JSON file in the user-data folder; a damaged file reads as defaults. */
export function createSettingsStore(file: string): SettingsStore {
  const read = (): Settings => settingsSchema.catch({ serverUrl: '', displayName: '' }).parse(readJsonFile(file) ?? {})
  return {
    get: read,
    update(patch) {
      const next = { ...read(), ...patch }
      writeJsonFile(file, next)
      return next
    },
  }
}
