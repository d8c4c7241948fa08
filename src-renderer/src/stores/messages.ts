import { defineStore } from 'pinia'
import { ref } from 'vue'
import { LIMITS, type AckError, type Message } from '../../../protocol'
import { messageTextSchema } from '../../../protocol/schemas'
import { showNotification } from '../platform/notify'
import { randomId } from '../lib/session-token'
import { notificationFor } from '../lib/notification-policy'
import { useConnectionStore } from './connection'
import { usePresenceStore } from './presence'
import { useRoomsStore } from './rooms'

export type DeliveryState = 'pending' | 'sent' | 'failed'

export interface ShownMessage extends Message {
  state: DeliveryState
  /** Why a failed message failed. */
  error?: string
}

export interface Timeline {
  messages: ShownMessage[]
  hasMore: boolean
  loading: boolean
  loaded: boolean
}

/** Each room's messages, oldest first: stored ones by id, then this client's pending ones. */
export const useMessagesStore = defineStore('messages', () => {
  const connection = useConnectionStore()
  const rooms = useRoomsStore()
  const presence = usePresenceStore()
  const timelines = ref<Record<string, Timeline>>({})

  function timeline(roomId: string): Timeline {
    return (timelines.value[roomId] ??= { messages: [], hasMore: true, loading: false, loaded: false })
  }

  /** Inserts or replaces by server id (or by clientId for this client's own), keeping order. */
  function upsert(message: Message): void {
    const list = timeline(message.roomId).messages
    const index = list.findIndex(
      (shown) =>
        (shown.id !== 0 && shown.id === message.id) ||
        (message.clientId !== null && shown.clientId === message.clientId),
    )
    const shown: ShownMessage = { ...message, state: 'sent' }
    if (index !== -1) list.splice(index, 1)
    const at = list.findIndex((other) => other.state !== 'sent' || other.id > message.id)
    list.splice(at === -1 ? list.length : at, 0, shown)
  }

  async function fetchPage(roomId: string, before?: number): Promise<AckError | null> {
    const line = timeline(roomId)
    line.loading = true
    const result = await connection.request('message:history', { roomId, before, limit: LIMITS.historyPageDefault })
    line.loading = false
    if ('error' in result) return result
    for (const message of result.data.messages) upsert(message)
    if (before !== undefined || !line.loaded) line.hasMore = result.data.hasMore
    line.loaded = true
    return null
  }

  /** The newest page, once per room; later messages arrive as events. */
  async function loadLatest(roomId: string): Promise<AckError | null> {
    const line = timeline(roomId)
    if (line.loaded || line.loading) return null
    return fetchPage(roomId)
  }

  /** The page before the oldest message shown, for scrolling up. */
  async function loadOlder(roomId: string): Promise<AckError | null> {
    const line = timeline(roomId)
    if (line.loading || !line.hasMore) return null
    const oldest = line.messages.find((message) => message.state === 'sent')
    return fetchPage(roomId, oldest?.id)
  }

  /** Sends text to a room; it shows at once as pending and turns sent or failed with the ack. */
  async function send(roomId: string, text: string): Promise<AckError | null> {
    const checked = messageTextSchema.safeParse(text)
    if (!checked.success) return { error: 'INVALID_PAYLOAD', message: checked.error.issues[0]!.message }
    const clientId = randomId()
    const line = timeline(roomId)
    line.messages.push({ id: 0, clientId, roomId, author: presence.self, text, ts: Date.now(), state: 'pending' })
    const result = await connection.request('message:send', { roomId, text, clientId })
    if ('data' in result) {
      upsert(result.data)
      return null
    }
    const pending = line.messages.find((message) => message.clientId === clientId && message.state !== 'sent')
    if (pending) {
      pending.state = 'failed'
      pending.error = result.message
    }
    return result
  }

  /** Sends a failed message again, with the same clientId so it can never arrive twice. */
  async function retry(roomId: string, clientId: string): Promise<void> {
    const failed = timeline(roomId).messages.find(
      (message) => message.clientId === clientId && message.state === 'failed',
    )
    if (!failed) return
    failed.state = 'pending'
    const result = await connection.request('message:send', { roomId, text: failed.text, clientId })
    if ('data' in result) upsert(result.data)
    else {
      failed.state = 'failed'
      failed.error = result.message
    }
  }

  function discard(roomId: string, clientId: string): void {
    const line = timeline(roomId)
    line.messages = line.messages.filter((message) => !(message.clientId === clientId && message.state === 'failed'))
  }

  function reset(): void {
    timelines.value = {}
  }

  connection.on('message:created', (message) => {
    upsert(message)
    rooms.countUnread(message.roomId)
    const room = rooms.rooms.find((candidate) => candidate.id === message.roomId)
    const focused = typeof document !== 'undefined' && document.hasFocus()
    const notification = notificationFor(message, room, presence.self, focused)
    if (notification) showNotification(notification, rooms.select)
  })

  /**
   * After a rejoin Socket.IO could not recover, messages may have been missed:
   * fetch the newest page of every room already shown and merge it by id.
   */
  async function catchUp(): Promise<void> {
    const loaded = Object.entries(timelines.value).filter(([, line]) => line.loaded)
    await Promise.all(loaded.map(([roomId]) => fetchPage(roomId)))
  }

  return { timelines, timeline, loadLatest, loadOlder, send, retry, discard, catchUp, reset }
})
