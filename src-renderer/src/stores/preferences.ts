import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_SETTINGS, type NotifyLevel } from '../../../protocol'
import { loadSettings, saveSettings } from '../platform/settings'
import { loadRoomLevels, saveRoomLevels, type RoomLevels } from '../platform/room-levels'

/**
 * This person's preferences: which new messages notify, and with a sound or
 * not, everywhere (kept with the settings) and in the rooms given a level of
 * their own (kept per server and name, like drafts). A room set to nothing
 * is muted: it notifies of nothing and counts only in its own row, not in
 * the title or on the dock.
 */
export const usePreferencesStore = defineStore('preferences', () => {
  const notifyFor = ref<NotifyLevel>(DEFAULT_SETTINGS.notifyFor)
  /** A chime with each notification. */
  const sound = ref(DEFAULT_SETTINGS.sound)
  const roomLevels = ref<RoomLevels>({})
  /** The server and name the room levels belong to; none before a join. */
  let key = ''

  async function load(): Promise<void> {
    const settings = await loadSettings()
    notifyFor.value = settings.notifyFor
    sound.value = settings.sound
  }

  async function setNotifyFor(level: NotifyLevel): Promise<void> {
    notifyFor.value = level
    await saveSettings({ notifyFor: level })
  }

  async function setSound(on: boolean): Promise<void> {
    sound.value = on
    await saveSettings({ sound: on })
  }

  function restoreRoomLevels(serverAndName: string): void {
    if (serverAndName === key) return
    key = serverAndName
    roomLevels.value = loadRoomLevels(key)
  }

  /** The level a room's new messages are judged by: its own, or the one for everywhere. */
  function levelFor(roomId: string): NotifyLevel {
    return roomLevels.value[roomId] ?? notifyFor.value
  }

  function muted(roomId: string): boolean {
    return roomLevels.value[roomId] === 'none'
  }

  /** Gives a room a level of its own, or (null) has it follow the one for everywhere again. */
  function setRoomLevel(roomId: string, level: NotifyLevel | null): void {
    if (level === null) delete roomLevels.value[roomId]
    else roomLevels.value[roomId] = level
    if (key) saveRoomLevels(key, roomLevels.value)
  }

  /** On leaving: the levels stay stored for the next join under this name. */
  function resetRoomLevels(): void {
    key = ''
    roomLevels.value = {}
  }

  return {
    notifyFor,
    sound,
    roomLevels,
    load,
    setNotifyFor,
    setSound,
    restoreRoomLevels,
    levelFor,
    muted,
    setRoomLevel,
    resetRoomLevels,
  }
})
