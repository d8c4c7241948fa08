import { isNotifyLevel, type NotifyLevel } from '../../../protocol'
import { entriesOf, loadLocal, saveLocal } from './local-json'

/** A room's own notification level, where one was chosen, by room id. */
export type RoomLevels = Record<string, NotifyLevel>

const PREFIX = 'parley:room-notify:'

/** Room levels per server and name, kept across reloads and restarts. */
export function loadRoomLevels(key: string): RoomLevels {
  return loadLocal(PREFIX + key, (stored) => entriesOf(stored, isNotifyLevel))
}

export function saveRoomLevels(key: string, levels: RoomLevels): void {
  saveLocal(PREFIX + key, levels)
}
