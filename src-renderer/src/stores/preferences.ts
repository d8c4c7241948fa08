import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_SETTINGS, type NotifyLevel } from '../../../protocol'
import { loadSettings, saveSettings } from '../platform/settings'
import { loadRoomLevels, saveRoomLevels, type RoomLevels } from '../platform/room-levels'
import { unsentChoices } from '../lib/unsent-choices'
import { useConnectionStore } from './connection'

/**
 * This person's preferences: which new messages notify, and with a sound or
 * not, everywhere (kept with the settings) and in the rooms given a level of
 * their own (kept by the server for the person, so they follow them to every
 * device); and which key sends (kept with the settings). A room set to
 * nothing is muted: it notifies of nothing and counts only in its own row,
 * not in the title or on the dock.
 */
export const usePreferencesStore = defineStore('preferences', () => {
  const connection = useConnectionStore()
  const notifyFor = ref<NotifyLevel>(DEFAULT_SETTINGS.notifyFor)
  /** A chime with each notification. */
  const sound = ref(DEFAULT_SETTINGS.sound)
  /** Notifications (their chime and the window's flash too) paused until then, ms since the epoch; 0 when not. */
  const pausedUntil = ref(DEFAULT_SETTINGS.pausedUntil)
  /** The composer sends with Ctrl+Enter (⌘+Enter), and Enter is a new line. */
  const sendWithCtrl = ref(DEFAULT_SETTINGS.sendWithCtrl)
  const roomLevels = ref<RoomLevels>({})
  let resuming: ReturnType<typeof setTimeout> | undefined

  /** Ends the pause when its time comes (a timer waits at most about 24 days: a pause is never that long). */
  function watchPause(): void {
    clearTimeout(resuming)
    const left = pausedUntil.value - Date.now()
    if (left <= 0) pausedUntil.value = 0
    else resuming = setTimeout(watchPause, Math.min(left, 2 ** 31 - 1))
  }

  async function load(): Promise<void> {
    const settings = await loadSettings()
    notifyFor.value = settings.notifyFor
    sound.value = settings.sound
    pausedUntil.value = settings.pausedUntil
    sendWithCtrl.value = settings.sendWithCtrl
    watchPause()
  }

  /** Pauses notifications until `until` (ms since the epoch), or, with 0, resumes them. */
  async function pauseUntil(until: number): Promise<void> {
    pausedUntil.value = until
    watchPause()
    await saveSettings({ pausedUntil: pausedUntil.value })
  }

  /** Whether notifications are paused now; read at each message, so a late timer changes nothing. */
  function paused(): boolean {
    return Date.now() < pausedUntil.value
  }

  async function setNotifyFor(level: NotifyLevel): Promise<void> {
    notifyFor.value = level
    await saveSettings({ notifyFor: level })
  }

  async function setSound(on: boolean): Promise<void> {
    sound.value = on
    await saveSettings({ sound: on })
  }

  async function setSendWithCtrl(on: boolean): Promise<void> {
    sendWithCtrl.value = on
    await saveSettings({ sendWithCtrl: on })
  }

  /** Levels chosen here that the server has not taken yet. */
  const unsent = unsentChoices<NotifyLevel | null>((roomId, level) =>
    connection.request('room:notify', { roomId, level }),
  )

  /**
   * On every join: the levels the server keeps for this person (`kept`),
   * under those chosen here that it has not taken yet, which are sent again.
   * Levels this device kept for the server and name itself, before the
   * server did, are handed to the server once (where it has none for the
   * room), then left to it.
   */
  function restoreRoomLevels(serverAndName: string, kept: RoomLevels): void {
    const handed = Object.entries(loadRoomLevels(serverAndName)).filter(([roomId]) => !(roomId in kept))
    if (handed.length > 0) saveRoomLevels(serverAndName, {})
    roomLevels.value = { ...kept }
    // One way for both: a hand-over lost with the connection is kept, as a choice made here is, for the next join.
    for (const [roomId, level] of [...handed, ...unsent.waiting()]) {
      applyRoomLevel(roomId, level)
      void unsent.send(roomId, level)
    }
  }

  /** The level a room's new messages are judged by: its own, or the one for everywhere. */
  function levelFor(roomId: string): NotifyLevel {
    return roomLevels.value[roomId] ?? notifyFor.value
  }

  function muted(roomId: string): boolean {
    return roomLevels.value[roomId] === 'none'
  }

  function applyRoomLevel(roomId: string, level: NotifyLevel | null): void {
    if (level === null) delete roomLevels.value[roomId]
    else roomLevels.value[roomId] = level
  }

  /**
   * Gives a room a level of its own, or (null) has it follow the one for
   * everywhere again: here at once, and on the person's other devices once
   * the server has it. One chosen while the connection is down is sent with
   * the next join, or as the connection recovers.
   */
  function setRoomLevel(roomId: string, level: NotifyLevel | null): void {
    applyRoomLevel(roomId, level)
    void unsent.send(roomId, level)
  }

  /** On leaving: the server keeps the levels for the next join under this name. */
  function resetRoomLevels(): void {
    roomLevels.value = {}
    unsent.clear()
  }

  // Chosen on another of this person's devices.
  connection.on('room:notify', ({ roomId, level }) => applyRoomLevel(roomId, level))
  // A connection recovered after a drop skips the join: levels chosen meanwhile are handed over now.
  connection.onConnect(({ recovered }) => {
    if (recovered) unsent.resend()
  })

  return {
    notifyFor,
    sound,
    pausedUntil,
    sendWithCtrl,
    setSendWithCtrl,
    roomLevels,
    load,
    setNotifyFor,
    setSound,
    pauseUntil,
    paused,
    restoreRoomLevels,
    levelFor,
    muted,
    setRoomLevel,
    resetRoomLevels,
  }
})
