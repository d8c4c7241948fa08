import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { AckError, Message, SavedChange, SavedMessage } from '../../../protocol'
import { reminderNotification } from '../lib/notification-policy'
import { playChime } from '../platform/chime'
import { showNotification } from '../platform/notify'
import { useConnectionStore } from './connection'
import { useMessagesStore } from './messages'
import { usePreferencesStore } from './preferences'
import { usePresenceStore } from './presence'
import { useRoomsStore } from './rooms'

/**
 * The messages this person saved for later, across rooms, the latest saved
 * first: asked for on every join, then kept up to date by what they save or
 * let go here and on their other devices, and by edits and deletions. A
 * saved message may carry a reminder: once it comes due it is shown (`due`)
 * on every device until it is done on one, and announced once on each, with
 * a notification and the chime unless notifications are paused.
 */
export const useSavedStore = defineStore('saved', () => {
  const connection = useConnectionStore()
  const preferences = usePreferencesStore()
  const items = ref<SavedMessage[]>([])
  const ids = computed(() => new Set(items.value.map(({ message }) => message.id)))
  /** When each saved message's reminder is set for, by message id. */
  const reminders = computed(
    () =>
      new Map(items.value.flatMap(({ message, remindAt }) => (remindAt === undefined ? [] : [[message.id, remindAt]]))),
  )
  /** This device's clock, moved on when the next reminder comes due. */
  const now = ref(Date.now())
  /** Reminders come due, the earliest first. */
  const due = computed(() =>
    items.value
      .filter((item) => item.remindAt !== undefined && item.remindAt <= now.value)
      .sort((a, b) => a.remindAt! - b.remindAt!),
  )
  let waking: ReturnType<typeof setTimeout> | undefined
  /** Reminders announced on this device, by message and time, so each is announced once. */
  const announced = new Set<string>()

  /** Moves the clock on now, and again when the next reminder comes due (a timer waits at most about 24 days). */
  function tick(): void {
    clearTimeout(waking)
    now.value = Date.now()
    const next = Math.min(...items.value.map(({ remindAt = 0 }) => (remindAt > now.value ? remindAt : Infinity)))
    if (next !== Infinity) waking = setTimeout(tick, Math.min(next - now.value, 2 ** 31 - 1))
  }

  function announce({ message, remindAt }: SavedMessage): void {
    const key = `${message.id}@${remindAt}`
    if (announced.has(key)) return
    announced.add(key)
    if (preferences.paused()) return
    const room = useRoomsStore().rooms.find((candidate) => candidate.id === message.roomId)
    const notification = reminderNotification(message, room, usePresenceStore().self)
    showNotification(notification, (target) => void useMessagesStore().openLinked(target))
    if (preferences.sound) playChime()
  }

  watch(() => items.value.map(({ remindAt }) => remindAt), tick)
  watch(due, (list) => list.forEach(announce))

  async function load(): Promise<void> {
    const result = await connection.request('message:saved', {})
    if ('data' in result) items.value = result.data
  }

  function take({ message, savedAt, remindAt }: SavedChange): void {
    const rest = items.value.filter((item) => item.message.id !== message.id)
    items.value =
      savedAt === null
        ? rest
        : [{ message, savedAt, ...(remindAt !== undefined && { remindAt }) }, ...rest].sort(
            (a, b) => b.savedAt - a.savedAt || b.message.id - a.message.id,
          )
  }

  async function setSaved(message: Message, saved: boolean): Promise<AckError | null> {
    const result = await connection.request('message:save', { id: message.id, saved })
    if ('error' in result) return result
    take(result.data)
    return null
  }

  /** Reminds this person of a message at `at` (saving it), or, with null, takes its reminder off: done. */
  async function remind(message: Message, at: number | null): Promise<AckError | null> {
    const result = await connection.request('message:remind', { id: message.id, at })
    if ('error' in result) return result
    take(result.data)
    return null
  }

  /** A message as it is now: an edit shows in the list; a deletion takes it out, as the server does. */
  function apply(message: Message): void {
    const index = items.value.findIndex((item) => item.message.id === message.id)
    const held = items.value[index]
    if (!held || (held.message.rev ?? 0) > (message.rev ?? 0)) return
    if (message.deletedAt !== undefined) items.value.splice(index, 1)
    else items.value[index] = { ...held, message }
  }

  function reset(): void {
    items.value = []
    clearTimeout(waking)
  }

  connection.on('saved:changed', take)

  return {
    items,
    due,
    now,
    isSaved: (id: number) => ids.value.has(id),
    reminderOf: (id: number) => reminders.value.get(id),
    load,
    setSaved,
    remind,
    apply,
    reset,
  }
})
