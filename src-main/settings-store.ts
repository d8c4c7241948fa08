import { z } from 'zod'
import { DEFAULT_NOTIFY_LEVEL, DEFAULT_SETTINGS, NOTIFY_LEVELS, RECENT_SERVERS_MAX, type Settings } from '../protocol'
import { readJsonFile, writeJsonFile } from './json-file'

const settingsSchema = z.object({
  serverUrl: z.string().max(2048).catch(''),
  displayName: z.string().max(64).catch(''),
  notifyFor: z.enum(NOTIFY_LEVELS).catch(DEFAULT_NOTIFY_LEVEL),
  sound: z.boolean().catch(DEFAULT_SETTINGS.sound),
  pausedUntil: z.number().int().min(0).catch(0),
  sendWithCtrl: z.boolean().catch(DEFAULT_SETTINGS.sendWithCtrl),
  recentServers: z
    .array(z.string().max(2048))
    .catch([])
    .transform((servers) => servers.slice(0, RECENT_SERVERS_MAX)),
})

export const settingsPatchSchema = z.strictObject({
  serverUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  displayName: z.string().max(64).optional(),
  notifyFor: z.enum(NOTIFY_LEVELS).optional(),
  sound: z.boolean().optional(),
  pausedUntil: z.number().int().min(0).optional(),
  sendWithCtrl: z.boolean().optional(),
})

export interface SettingsStore {
  get(): Settings
  update(patch: z.infer<typeof settingsPatchSchema>): Settings
}

/**
 * Settings in one JSON file in the user-data folder; a damaged file reads as
 * defaults. The recent servers are not the page's to write: each server saved
 * as the one joined goes first among them.
 */
export function createSettingsStore(file: string): SettingsStore {
  const read = (): Settings => settingsSchema.catch(DEFAULT_SETTINGS).parse(readJsonFile(file) ?? {})
  return {
    get: read,
    update(patch) {
      const current = read()
      const next = { ...current, ...patch }
      if (patch.serverUrl !== undefined) {
        const others = current.recentServers.filter((server) => server !== patch.serverUrl)
        next.recentServers = [patch.serverUrl, ...others].slice(0, RECENT_SERVERS_MAX)
      }
      writeJsonFile(file, next)
      return next
    },
  }
}
