import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import {
  addressedTo,
  LIMITS,
  quoteOf,
  forwardOf,
  sameName,
  withDelta,
  type AckError,
  type AckResult,
  type FileInfo,
  type HistoryPage,
  type Message,
  type MessageDelta,
  type NotificationTarget,
  type OutboxEntry,
  type Quote,
  type RequestOf,
  type SendRequest,
  type UnreadCount,
} from '../../../protocol'
import { issueMessage, messageTextSchema, sendRequestSchema } from '../../../protocol/schemas'
import { playChime } from '../platform/chime'
import { showNotification } from '../platform/notify'
import { outboxStorage } from '../platform/outbox-storage'
import { loadReadMarks, saveReadMarks, type ReadMarks } from '../platform/read-marks'
import { randomId } from '../lib/session-token'
import { notificationFor } from '../lib/notification-policy'
import { useConnectionStore } from './connection'
import { usePreferencesStore } from './preferences'
import { usePresenceStore } from './presence'
import { useRoomsStore } from './rooms'
import { usePinsStore } from './pins'
import { useSavedStore } from './saved'
import { useIgnoredStore } from './ignored'

export type DeliveryState = 'pending' | 'sent' | 'failed'

export interface ShownMessage extends Message {
  state: DeliveryState
  /** Why a failed message failed. */
  error?: string
}

function emptyTimeline(): Timeline {
  return { messages: [], hasMore: true, loading: false, loaded: false, hasNewer: false, newerArrived: false }
}

interface SyncState {
  upTo: number
  rev: number
  live: boolean
}

export interface Timeline {
  messages: ShownMessage[]
  hasMore: boolean
  loading: boolean
  loaded: boolean
  /**
   * Whether newer messages exist than those held: after a jump to an older
   * message, until the reader scrolls back down to the newest.
   */
  hasNewer: boolean
  /** Whether new messages arrived while the room was held away from its newest. */
  newerArrived: boolean
}

/** How long a new read mark waits before it goes to the server, with any others made meanwhile. */
const READ_MARK_DELAY_MS = 1000

/** How often a change (edit, deletion, reaction) is sent again before its failure is shown: with the pauses, about a minute. */
const CHANGE_RETRIES = 5

/** Errors after which a send is tried again later rather than failed. */
const TRANSIENT = new Set(['TIMEOUT', 'DISCONNECTED', 'NOT_JOINED', 'INTERNAL'])

/** The pause before trying again on a live connection: 0.2 s more per failure in a row, at most 2 s. */
function retryPause(failures: number, retryAfterMs?: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, retryAfterMs ?? Math.min(200 * failures, 2000)))
}

/**
 * Each room's messages, oldest first: stored ones by server id, then this
 * client's unsent ones. Unsent messages live in an outbox that is sent in
 * order, retried until the server stores them, and kept across reloads.
 */
export const useMessagesStore = defineStore('messages', () => {
  const connection = useConnectionStore()
  const rooms = useRoomsStore()
  const pins = usePinsStore()
  const saved = useSavedStore()
  const ignored = useIgnoredStore()
  const presence = usePresenceStore()
  const preferences = usePreferencesStore()
  const timelines = ref<Record<string, Timeline>>({})
  /** Unsent messages, oldest first; failed ones wait for the user. */
  const outbox = ref<OutboxEntry[]>([])
  const storage = outboxStorage()
  let outboxKey = ''
  let flushing = false
  /** A flush asked for while one runs: run again when it ends, so no request is lost to the race. */
  let flushAgain = false
  const settleWaiters = new Map<string, (result: AckError | null) => void>()
  /**
   * Per room: the id up to which this client holds every message, the change
   * number up to which it holds every edit and deletion, and whether live
   * events may extend them. After a reconnect that lost events, live ones
   * arrive before the gap is filled, so only catch-up moves the marks then.
   */
  const sync = new Map<string, SyncState>()
  /** The message being edited in place, if any: one at a time, as in every messenger. */
  const editingId = ref<number | null>(null)
  /** Per room, the message the next one sent there answers, if any. */
  const replyTargets = ref<Record<string, Quote>>({})

  function markSynced(roomId: string, id: number): void {
    const state = sync.get(roomId)
    if (state) state.upTo = Math.max(state.upTo, id)
  }

  function markChangesSynced(roomId: string, rev: number): void {
    const state = sync.get(roomId)
    if (state) state.rev = Math.max(state.rev, rev)
  }

  function timeline(roomId: string): Timeline {
    return (timelines.value[roomId] ??= emptyTimeline())
  }

  /**
   * Per room, bumped whenever its timeline is replaced (a jump, a return to
   * the newest): a page asked for before that belongs to another window of
   * history, and is dropped.
   */
  const epochs = new Map<string, number>()
  const epochOf = (roomId: string): number => epochs.get(roomId) ?? 0
  function replaceTimeline(roomId: string, line: Timeline): void {
    epochs.set(roomId, epochOf(roomId) + 1)
    timelines.value[roomId] = line
  }
  /** For a room held away from its newest messages: the change number its window was read at. */
  const detachedRevs = new Map<string, number>()
  /**
   * Drops what is held of a room left: its messages stop arriving, so what is
   * held would go stale. Joining it again loads it afresh.
   */
  function forget(roomId: string): void {
    replaceTimeline(roomId, emptyTimeline())
    sync.delete(roomId)
    detachedRevs.delete(roomId)
  }

  /**
   * Unsent messages to a room this person no longer has (removed, or taken
   * out of it): the server refused them as ROOM_NOT_FOUND, no timeline shows
   * them now, so the app lists them apart, to write again elsewhere or let go.
   * They stay in the stored outbox, so a reload keeps them too.
   */
  const undelivered = computed(() => {
    const known = new Set(rooms.rooms.map((room) => room.id))
    // No rooms yet: not joined, and nothing is known to be gone.
    if (known.size === 0) return []
    return outbox.value.filter((entry) => entry.state === 'failed' && !known.has(entry.roomId))
  })

  /** The message a jump asked to show: the list scrolls to it and marks it. */
  const revealed = ref<{ roomId: string; id: number } | null>(null)

  /**
   * Inserts or replaces by server id (or by clientId for this client's own), keeping order.
   * A copy older than the one shown (a page read before an edit arrived) changes nothing.
   * Returns whether the message is new here.
   */
  function upsert(message: Message): boolean {
    const list = timeline(message.roomId).messages
    const index = list.findIndex(
      (shown) =>
        (shown.id !== 0 && shown.id === message.id) ||
        (message.clientId !== null && shown.clientId === message.clientId && shown.author === message.author),
    )
    if (index !== -1 && (list[index]!.rev ?? 0) > (message.rev ?? 0)) return false
    if (index !== -1) list.splice(index, 1)
    else presence.learnName(message.author)
    const at = list.findIndex((other) => other.state !== 'sent' || other.id > message.id)
    list.splice(at === -1 ? list.length : at, 0, { ...message, state: 'sent' })
    followReplies(message)
    return index === -1
  }

  /**
   * A reply as the server read it says how many answer the message it quotes
   * now: that one's "💬 3 replies", if it is held, counts them all, those not
   * loaded here included, and one deleted no more. A server's copies reach a
   * connection in the order it read them, so the latest count wins.
   */
  function followReplies(message: Message): void {
    if (!message.replyTo) return
    const { id, replies } = message.replyTo
    const answered = timeline(message.roomId).messages.find((shown) => shown.id === id)
    if (!answered) return
    if (replies) answered.replies = replies
    else delete answered.replies
  }

  function showUnsent(entry: OutboxEntry): void {
    const list = timeline(entry.roomId).messages
    const shown = list.find((message) => message.clientId === entry.clientId && message.state !== 'sent')
    const { poll, ...sent } = entry
    const next: ShownMessage = { id: 0, ...sent, state: entry.state }
    // A poll waiting to be sent shows its options, with no votes yet.
    if (poll) next.poll = { options: poll.options.map((option) => ({ text: option, voters: [] })) }
    if (shown) Object.assign(shown, next)
    else if (!list.some((message) => message.clientId === entry.clientId)) list.push(next)
  }

  /**
   * Saves the outbox. A burst of sends and acks would otherwise write it once
   * per message: at most one save runs, and the changes made meanwhile are
   * written together when it ends.
   */
  let saving = false
  let saveAgain = false
  function persist(): void {
    if (!outboxKey) return
    if (saving) {
      saveAgain = true
      return
    }
    saving = true
    saveAgain = false
    const key = outboxKey
    void storage
      .save(
        key,
        outbox.value.map((entry) => ({ ...entry })),
      )
      .catch(() => {
        // Storage full or gone: the outbox still lives in memory and is sent.
      })
      .finally(() => {
        saving = false
        if (saveAgain) persist()
      })
  }

  function settle(clientId: string, result: AckError | null): void {
    settleWaiters.get(clientId)?.(result)
    settleWaiters.delete(clientId)
  }

  /** Starts sending; resolves when the server stores the entry (null) or refuses it for good. */
  function sendQueued(clientId: string): Promise<AckError | null> {
    const settled = new Promise<AckError | null>((resolve) => settleWaiters.set(clientId, resolve))
    void flush()
    return settled
  }

  /**
   * Rooms in slow mode that refused a message, until when: their messages
   * wait (in order) while other rooms' go. Only a device that raced another
   * of the person's, or an app that does not count down, meets this.
   */
  const slowUntil = new Map<string, number>()
  let slowTimer: ReturnType<typeof setTimeout> | undefined

  /** The first pending message not held back by its room's slow mode; a flush is due when the first held one may go. */
  function nextToSend(): OutboxEntry | undefined {
    const now = Date.now()
    let wakeAt = Infinity
    for (const entry of outbox.value) {
      if (entry.state !== 'pending') continue
      const until = slowUntil.get(entry.roomId) ?? 0
      if (until <= now) return entry
      wakeAt = Math.min(wakeAt, until)
    }
    clearTimeout(slowTimer)
    if (wakeAt !== Infinity) slowTimer = setTimeout(() => void flush(), wakeAt - now)
    return undefined
  }

  /** Sends pending messages in order while connected, passing over rooms slow mode holds back; stops at the first that must wait. */
  async function flush(): Promise<void> {
    if (flushing) {
      flushAgain = true
      return
    }
    flushing = true
    flushAgain = false
    try {
      for (let failures = 0; ;) {
        if (connection.status !== 'connected') return
        const entry = nextToSend()
        if (!entry) return
        const { clientId, roomId, text, replyTo, file, poll, forwarded } = entry
        const request: SendRequest = { roomId, text, clientId }
        if (replyTo) request.replyTo = replyTo.id
        if (file) request.fileId = file.id
        if (poll) request.poll = poll
        if (forwarded) request.forward = forwarded.id
        const result = await connection.request('message:send', request)
        if ('data' in result) {
          failures = 0
          if (!timeline(roomId).hasNewer) upsert(result.data)
          outbox.value = outbox.value.filter((candidate) => candidate.clientId !== clientId)
          persist()
          settle(clientId, null)
        } else if (result.error === 'RATE_LIMITED' && result.roomId !== undefined) {
          slowUntil.set(result.roomId, Date.now() + (result.retryAfterMs ?? 1000))
        } else if (result.error === 'RATE_LIMITED') {
          await retryPause(failures, result.retryAfterMs)
        } else if (TRANSIENT.has(result.error)) {
          // Sent again with the same clientId: at once when the connection is
          // back, or after a pause while it stays up (a lost ack, a rejoin
          // under way), so a queue never stalls on a live connection.
          if (connection.status !== 'connected') return
          failures++
          await retryPause(failures)
        } else {
          entry.state = 'failed'
          entry.error = result.message
          showUnsent(entry)
          persist()
          settle(clientId, result)
        }
      }
    } finally {
      flushing = false
      if (flushAgain) void flush()
    }
  }

  /**
   * How far each room was read, kept on this device per server and name, and
   * on the server per name, so unread counts and the New line come back after
   * a reload or restart, and on another device.
   */
  let marksKey = ''
  let readMarks: ReadMarks = {}
  /** Marks not yet sent to the server: sent together a moment later, not once per message read. */
  const unsentMarks = new Map<string, number>()
  let sendingMarks: ReturnType<typeof setTimeout> | undefined

  /** Sends the marks waiting now (before leaving, too: the connection drains what it was given before closing). */
  function sendMarks(): void {
    clearTimeout(sendingMarks)
    sendingMarks = undefined
    for (const [roomId, upTo] of unsentMarks) void connection.request('message:read', { roomId, upTo })
    // One lost with the connection is sent again with the next join's unread request.
    unsentMarks.clear()
  }

  function noteRead(roomId: string, id: number): void {
    if (!marksKey || id <= (readMarks[roomId] ?? 0)) return
    readMarks[roomId] = id
    saveReadMarks(marksKey, readMarks)
    unsentMarks.set(roomId, id)
    // A function written out, not named: electronegativity cannot always tell a minified name is a function.
    sendingMarks ??= setTimeout(() => sendMarks(), READ_MARK_DELAY_MS)
  }

  /**
   * "Mark unread": the room counts as unread from `message` on, here, on the
   * server and on this person's other devices, until it is opened again.
   */
  async function markUnread(message: Message): Promise<AckError | null> {
    const result = await connection.request('message:mark-unread', { roomId: message.roomId, upTo: message.id - 1 })
    if ('error' in result) return result
    unmarkRead(result.data)
    return null
  }

  function unmarkRead(count: UnreadCount): void {
    // A mark waiting to go would read it all again.
    unsentMarks.delete(count.roomId)
    if (marksKey) {
      readMarks[count.roomId] = count.readUpTo
      saveReadMarks(marksKey, readMarks)
    }
    rooms.markUnread(count)
  }

  /** Everything unread counts as read, here, on the server, and on this person's other devices. */
  /** Marks every room and DM read, or only `roomId` (a DM as it is closed), up to its newest unread. */
  function markAllRead(roomId?: string): void {
    for (const [unreadId, upTo] of rooms.unreadUpTo()) {
      if (roomId !== undefined && unreadId !== roomId) continue
      noteRead(unreadId, upTo)
      rooms.readElsewhere(unreadId, upTo)
    }
    sendMarks()
  }

  const newestStored = (roomId: string): number =>
    timelines.value[roomId]?.messages.findLast((message) => message.state === 'sent')?.id ?? 0

  /** The newest message held in the room in view if nothing there is unread (so all of it was seen), else 0. */
  const seenInView = (): number =>
    (rooms.unread[rooms.activeRoomId] ?? 0) === 0 ? newestStored(rooms.activeRoomId) : 0
  function noteActiveRead(): void {
    noteRead(rooms.activeRoomId, seenInView())
  }
  // A number, so a message arriving elsewhere in the list or a reaction runs nothing more.
  watch(seenInView, noteActiveRead)

  /**
   * Brings back this server and name's read marks, and asks the server what
   * is unread after them, or after its own marks where they go further (read
   * on another device) or where this device has none.
   */
  async function restoreReadMarks(key: string): Promise<void> {
    const stored = loadReadMarks(key)
    const marks = rooms.joinedIds
      .filter((roomId) => stored[roomId] !== undefined)
      .map((roomId) => ({ roomId, upTo: stored[roomId]! }))
    const unmarked = rooms.joinedIds.filter((roomId) => stored[roomId] === undefined)
    const result = await connection.request('message:unread', { marks, rooms: unmarked })
    if ('data' in result) {
      rooms.setUnreadCounts(result.data)
      // The higher of this device's mark and the server's, or lower where the room was marked unread.
      for (const { roomId, readUpTo } of result.data) stored[roomId] = readUpTo
    }
    // Only now: noting the room in view as read first would have counted nothing in it.
    readMarks = { ...stored, ...readMarks }
    saveReadMarks(key, readMarks)
    marksKey = key
    noteActiveRead()
  }

  /**
   * After a join again that the server could not recover: what came meanwhile
   * to rooms whose timeline this app never loaded (so no catch-up follows
   * them) is counted by the server, after this device's marks or its own.
   * The room in view catches up instead.
   */
  async function recountUnloaded(): Promise<void> {
    if (!marksKey) return
    const unloaded = rooms.joinedIds.filter((roomId) => !sync.has(roomId) && roomId !== rooms.activeRoomId)
    if (unloaded.length === 0) return
    const marks = unloaded
      .filter((roomId) => readMarks[roomId] !== undefined)
      .map((roomId) => ({ roomId, upTo: readMarks[roomId]! }))
    const unmarked = unloaded.filter((roomId) => readMarks[roomId] === undefined)
    let result = await connection.request('message:unread', { marks, rooms: unmarked })
    // It shares the search limit: a search made just then is no reason to count nothing.
    if ('error' in result && result.error === 'RATE_LIMITED') {
      const waitMs = result.retryAfterMs ?? 250
      await new Promise((resolve) => setTimeout(resolve, waitMs))
      result = await connection.request('message:unread', { marks, rooms: unmarked })
    }
    // Any loaded meanwhile counts for itself, by its catch-up.
    if ('data' in result) rooms.setUnreadCounts(result.data.filter(({ roomId }) => !sync.has(roomId)))
  }

  // A safety net for a lost wake-up: while the connection answers its pings
  // (every 5 s), pending messages are being sent. A chaos run once ended with
  // an app connected, joined and idle, its outbox full; the path that left it
  // so was not found (see HISTORY.md, session 8).
  watch(
    () => connection.rttMs,
    (rtt) => {
      if (rtt !== null && !flushing && outbox.value.some((entry) => entry.state === 'pending')) void flush()
    },
  )

  /** Brings back the outbox kept for this server and name, shows it, and sends it. */
  async function restoreOutbox(key: string): Promise<void> {
    outboxKey = key
    const stored = await storage.load(key)
    const known = new Set(outbox.value.map((entry) => entry.clientId))
    outbox.value = [...outbox.value, ...stored.filter((entry) => !known.has(entry.clientId))]
    for (const entry of outbox.value) showUnsent(entry)
    await flush()
  }

  async function fetchPage(roomId: string, cursor: { before?: number }, limit: number): Promise<AckError | null> {
    const line = timeline(roomId)
    const epoch = epochOf(roomId)
    line.loading = true
    const result = await connection.request('message:history', { roomId, ...cursor, limit })
    line.loading = false
    if (epochOf(roomId) !== epoch) return null
    if ('error' in result) return result
    for (const message of result.data.messages) upsert(message)
    line.hasMore = result.data.hasMore
    if (!line.loaded) {
      sync.set(roomId, { upTo: 0, rev: result.data.rev, live: true })
      markSynced(roomId, result.data.messages.at(-1)?.id ?? 0)
    }
    line.loaded = true
    return null
  }

  /** The newest page, once per room; later messages arrive as events. */
  async function loadLatest(roomId: string): Promise<AckError | null> {
    const line = timeline(roomId)
    if (line.loaded || line.loading) return null
    return fetchPage(roomId, {}, LIMITS.historyPageDefault)
  }

  /** The page before the oldest message shown, for scrolling up. */
  async function loadOlder(roomId: string): Promise<AckError | null> {
    const line = timeline(roomId)
    if (line.loading || !line.hasMore) return null
    const oldest = line.messages.find((message) => message.state === 'sent')
    return fetchPage(roomId, { before: oldest?.id }, LIMITS.historyPageDefault)
  }

  /**
   * Shows message `id` of a room (a search result): at once if it is held,
   * or with the history around it, the room then held away from its newest
   * messages until the reader scrolls down to them or jumps there.
   */
  async function jumpTo(roomId: string, id: number): Promise<AckError | null> {
    if (!timeline(roomId).messages.some((message) => message.id === id)) {
      const epoch = epochOf(roomId)
      const half = LIMITS.historyPageDefault
      const [upTo, after] = await Promise.all([
        connection.request('message:history', { roomId, before: id + 1, limit: half }),
        connection.request('message:history', { roomId, after: id, limit: half }),
      ])
      if ('error' in upTo) return upTo
      if ('error' in after) return after
      if (epochOf(roomId) !== epoch) return { error: 'TIMEOUT', message: 'The room changed meanwhile; try again' }
      const line = emptyTimeline()
      line.loaded = true
      line.hasMore = upTo.data.hasMore
      line.hasNewer = true
      line.messages = [...upTo.data.messages, ...after.data.messages].map((message) => ({ ...message, state: 'sent' }))
      replaceTimeline(roomId, line)
      // Live events no longer extend this room; catch-up takes over when it is whole again.
      sync.delete(roomId)
      detachedRevs.set(roomId, upTo.data.rev)
      if (!after.data.hasMore) reattach(roomId)
    }
    revealed.value = { roomId, id }
    return null
  }

  /**
   * Opens a message in its room (a notification clicked): the room at once,
   * then the message, however far back. With no message (a scheduled one
   * that could not go), the room as it is, if it is still listed.
   */
  async function openMessage({ roomId, messageId }: NotificationTarget): Promise<AckError | null> {
    if (messageId === undefined) {
      if (rooms.rooms.some((room) => room.id === roomId)) rooms.select(roomId)
      return null
    }
    rooms.select(roomId)
    return jumpTo(roomId, messageId)
  }

  /** Opens a message a link names: its room joined first, if it is a public one this person is not in yet. */
  async function openLinked(target: NotificationTarget): Promise<AckError | null> {
    if (!rooms.joinedIds.includes(target.roomId)) {
      const failed = await rooms.join(target.roomId)
      if (failed) return failed
    }
    return openMessage(target)
  }

  /** The page after the newest message held, in a room held away from its newest; the last one reattaches it. */
  async function loadNewer(roomId: string): Promise<AckError | null> {
    const line = timeline(roomId)
    if (line.loading || !line.hasNewer) return null
    const epoch = epochOf(roomId)
    const newest = line.messages.at(-1)?.id ?? 0
    line.loading = true
    const result = await connection.request('message:history', {
      roomId,
      after: newest,
      limit: LIMITS.historyPageMax,
    })
    line.loading = false
    if (epochOf(roomId) !== epoch) return null
    if ('error' in result) return result
    for (const message of result.data.messages) upsert(message)
    if (!result.data.hasMore) reattach(roomId)
    return null
  }

  /**
   * The window reaches the newest messages again: live events extend it, and
   * a catch-up from its newest message and the change number it was read at
   * fetches whatever arrived or changed while it was held away.
   */
  function reattach(roomId: string): void {
    const line = timeline(roomId)
    line.hasNewer = false
    line.newerArrived = false
    sync.set(roomId, { upTo: line.messages.at(-1)?.id ?? 0, rev: detachedRevs.get(roomId) ?? 0, live: false })
    detachedRevs.delete(roomId)
    for (const entry of outbox.value) if (entry.roomId === roomId) showUnsent(entry)
    void catchUp()
  }

  /** Back to the newest page of a room held away from it (the way down after a jump). */
  async function showLatest(roomId: string): Promise<AckError | null> {
    if (!timeline(roomId).hasNewer) return null
    replaceTimeline(roomId, emptyTimeline())
    sync.delete(roomId)
    detachedRevs.delete(roomId)
    const failed = await loadLatest(roomId)
    for (const entry of outbox.value) if (entry.roomId === roomId) showUnsent(entry)
    return failed
  }

  /**
   * Lets go of a room's oldest stored messages past the newest `keep`, so a
   * window left open for days does not hold its whole history; scrolling up
   * fetches them again.
   */
  function trimOlder(roomId: string, keep: number): void {
    const line = timeline(roomId)
    const excess = line.messages.length - keep
    if (excess <= 0 || line.loading) return
    // Only stored messages come first; unsent ones are always at the end.
    const cut = line.messages.slice(0, excess).filter((message) => message.state === 'sent').length
    line.messages.splice(0, cut)
    line.hasMore = true
  }

  /** Stops trusting live events as complete, until each room's next catch-up ends. */
  function suspendSync(): void {
    for (const state of sync.values()) state.live = false
  }

  /** Rooms whose catch-up loop is running; it goes on for as long as the connection lasts. */
  const catchingUp = new Set<string>()

  /**
   * Fetches what each room missed since the last message known complete (the
   * server's `after` cursor), page by page, merged by id so nothing shows
   * twice, until the room is complete again. Transient errors are retried
   * while connected; a loop cut by a disconnect is resumed by the next
   * connect, recovered or not, because recovery replays only what was
   * broadcast after the cut, never the older gap catch-up was filling.
   */
  async function catchUp(): Promise<void> {
    await Promise.all(
      [...sync.entries()]
        .filter(([roomId, state]) => !state.live && !catchingUp.has(roomId))
        .map(([roomId, state]) => catchUpRoom(roomId, state)),
    )
  }

  async function catchUpRoom(roomId: string, state: SyncState): Promise<void> {
    catchingUp.add(roomId)
    try {
      // New messages first, then edits and deletions of the ones held.
      const complete =
        (await fetchUntilComplete(
          roomId,
          state,
          'message:history',
          () => ({ after: state.upTo }),
          (page) => {
            // Missed while the connection was down: unread like live ones, but no notification for each.
            for (const message of page.messages) if (upsert(message)) countUnread(message)
            state.upTo = Math.max(state.upTo, page.messages.at(-1)?.id ?? 0)
          },
        )) &&
        (await fetchUntilComplete(
          roomId,
          state,
          'message:changes',
          () => ({ after: state.rev }),
          (page) => {
            for (const message of page.messages) applyChange(message)
            state.rev = Math.max(state.rev, page.messages.at(-1)?.rev ?? 0)
          },
        ))
      if (complete) state.live = true
    } finally {
      catchingUp.delete(roomId)
    }
  }

  /**
   * Asks for pages from a cursor until one says there is no more; transient
   * errors are retried while connected. Resolves whether it got there.
   */
  async function fetchUntilComplete(
    roomId: string,
    state: SyncState,
    event: 'message:history' | 'message:changes',
    cursor: () => { after: number },
    take: (page: HistoryPage) => void,
  ): Promise<boolean> {
    for (let failures = 0; connection.status === 'connected' && sync.get(roomId) === state;) {
      const result = await connection.request(event, { roomId, ...cursor(), limit: LIMITS.historyPageMax })
      if ('error' in result) {
        // NOT_JOINED too: a loop that outlived its connection may ask before the rejoin is answered.
        if (!TRANSIENT.has(result.error) && result.error !== 'RATE_LIMITED') return false
        failures++
        await retryPause(failures, result.retryAfterMs)
        continue
      }
      // The room was jumped away from meanwhile: this page belongs to the window it left.
      if (sync.get(roomId) !== state) return false
      failures = 0
      take(result.data)
      if (!result.data.hasMore) return true
    }
    return false
  }

  /** Makes the next message sent to this message's room a reply to it. */
  function startReply(message: Message): void {
    replyTargets.value[message.roomId] = quoteOf(message)
  }

  function cancelReply(roomId: string): void {
    delete replyTargets.value[roomId]
  }

  /**
   * Sends text to a room, as a reply to `answering` or to one started there, with a file
   * uploaded already (the text may then be empty), or as a poll with these
   * options (the text its question). It shows at once as pending and joins
   * the outbox; the promise settles when the server stores it (null) or
   * refuses it for good.
   */
  function send(
    roomId: string,
    text: string,
    file?: FileInfo,
    poll?: { options: string[] },
    answering?: Message,
  ): Promise<AckError | null> {
    const checked = sendRequestSchema.safeParse({ roomId, text, fileId: file?.id, poll })
    if (!checked.success) {
      return Promise.resolve({ error: 'INVALID_PAYLOAD', message: issueMessage(checked.error) })
    }
    const entry = newEntry(roomId, text)
    // Answering a message given (in its thread) leaves the reply started in the room's composer as it is.
    const replyTo = answering ? quoteOf(answering) : replyTargets.value[roomId]
    if (replyTo) entry.replyTo = replyTo
    if (file) entry.file = file
    // As the server will store them: trimmed.
    if (checked.data.poll) entry.poll = checked.data.poll
    if (!answering) cancelReply(roomId)
    return enqueue(entry)
  }

  /**
   * Passes a message on to a room or DM, with words of one's own or none:
   * sent as any message is, through the outbox, showing the copy meanwhile.
   */
  function forward(original: Message, roomId: string, text: string): Promise<AckError | null> {
    const checked = sendRequestSchema.safeParse({ roomId, text, forward: original.id })
    if (!checked.success) {
      return Promise.resolve({ error: 'INVALID_PAYLOAD', message: issueMessage(checked.error) })
    }
    const entry = newEntry(roomId, text)
    entry.forwarded = forwardOf(original)
    return enqueue(entry)
  }

  function newEntry(roomId: string, text: string): OutboxEntry {
    return { clientId: randomId(), roomId, text, author: presence.self, ts: Date.now(), state: 'pending' }
  }

  /** Shows a new message as pending and sends it in its turn; settles as `sendQueued` does. */
  function enqueue(entry: OutboxEntry): Promise<AckError | null> {
    outbox.value.push(entry)
    // Written while reading older history: the room goes back to its newest, where it shows.
    if (timeline(entry.roomId).hasNewer) void showLatest(entry.roomId)
    else showUnsent(entry)
    persist()
    return sendQueued(entry.clientId)
  }

  /** Puts a failed message back in the outbox, under the same clientId so it can never arrive twice. */
  async function retry(roomId: string, clientId: string): Promise<AckError | null> {
    const entry = outbox.value.find((candidate) => candidate.clientId === clientId && candidate.roomId === roomId)
    if (!entry || entry.state !== 'failed') return null
    entry.state = 'pending'
    delete entry.error
    showUnsent(entry)
    persist()
    return sendQueued(clientId)
  }

  function discard(roomId: string, clientId: string): void {
    outbox.value = outbox.value.filter((entry) => !(entry.clientId === clientId && entry.state === 'failed'))
    const line = timeline(roomId)
    line.messages = line.messages.filter((message) => !(message.clientId === clientId && message.state === 'failed'))
    persist()
  }

  /**
   * Shows an edit or deletion of a message this client holds, and in the
   * quotes of the replies to it; others are not loaded, so there is nothing to change.
   */
  function applyChange(message: Message): void {
    pins.apply(message)
    saved.apply(message)
    const list = timeline(message.roomId).messages
    const held = list.find((shown) => shown.id === message.id)
    if (held && (held.rev ?? 0) > (message.rev ?? 0)) return
    if (held) upsert(message)
    else followReplies(message)
    const quote = quoteOf(message)
    for (const shown of list) if (shown.replyTo?.id === message.id) shown.replyTo = quote
    if (replyTargets.value[message.roomId]?.id === message.id) replyTargets.value[message.roomId] = quote
    if (message.deletedAt !== undefined) rooms.uncountUnread(message)
    // Edited to mention this person, or not any more: an unread one counts so from now.
    else rooms.readdress(message, addressedHere(message))
    if (message.id === editingId.value && message.deletedAt !== undefined) editingId.value = null
  }

  /** Replaces the text of one's own stored message; null once the server has it, or why not. */
  async function edit(id: number, text: string): Promise<AckError | null> {
    const checked = messageTextSchema.safeParse(text)
    if (!checked.success) return { error: 'INVALID_PAYLOAD', message: issueMessage(checked.error) }
    return change('message:edit', { id, text })
  }

  /** Deletes one's own stored message for everyone; null once the server has done it, or why not. */
  function remove(id: number): Promise<AckError | null> {
    return change('message:delete', { id })
  }

  /** Adds (`on`) or takes back one's reaction to a stored message; null once the server has it, or why not. */
  function react(id: number, emoji: string, on: boolean): Promise<AckError | null> {
    return change('message:react', { id, emoji, on })
  }

  /** Pins a stored message to its room, or unpins it, for everyone; null once the server has it, or why not. */
  function pin(id: number, pinned: boolean): Promise<AckError | null> {
    return change('message:pin', { id, pinned })
  }

  /** Votes for one option of a poll, or (null) takes one's vote back; null once the server has it, or why not. */
  function vote(id: number, option: number | null): Promise<AckError | null> {
    return change('message:vote', { id, option })
  }

  /** Closes one's own poll; null once the server has it, or why not. */
  function closePoll(id: number): Promise<AckError | null> {
    return change('message:close-poll', { id })
  }

  /**
   * Sends a change and shows its result. Each change states what it wants
   * (this text, deleted, this reaction on or off, this vote), so sending it again is
   * harmless: a lost connection, a timeout or a rate limit is waited out and
   * the change sent again, for about a minute, before it is reported.
   */
  async function change<
    E extends
      'message:edit' | 'message:delete' | 'message:react' | 'message:pin' | 'message:vote' | 'message:close-poll',
  >(event: E, payload: RequestOf<E>): Promise<AckError | null> {
    for (let failures = 0; ; failures++) {
      const result = (await connection.request(event, payload)) as AckResult<Message>
      if (!('error' in result)) {
        applyChange(result.data)
        return null
      }
      const transient = TRANSIENT.has(result.error) || result.error === 'RATE_LIMITED'
      // DISCONNECTED: no connection at all, as after leaving the server.
      if (!transient || result.error === 'DISCONNECTED' || failures >= CHANGE_RETRIES) return result
      await retryPause(failures + 1, result.retryAfterMs)
    }
  }

  /** Whether the send loop runs now: for reports such as the chaos test's, not for logic. */
  function sending(): boolean {
    return flushing
  }

  function reset(): void {
    sync.clear()
    epochs.clear()
    detachedRevs.clear()
    revealed.value = null
    editingId.value = null
    replyTargets.value = {}
    marksKey = ''
    readMarks = {}
    clearTimeout(sendingMarks)
    sendingMarks = undefined
    unsentMarks.clear()
    timelines.value = {}
    outbox.value = []
    outboxKey = ''
    slowUntil.clear()
    clearTimeout(slowTimer)
  }

  /**
   * Counts someone else's new message as unread (see rooms.countUnread), and
   * as a mention where it is addressed to this person outside a DM (a DM is
   * all to them); whether it counted (not one's own, nor from someone ignored).
   */
  function countUnread(message: Message): boolean {
    // One's own, and those of people one ignores, are no news.
    if (sameName(message.author, presence.self) || ignored.has(message.author)) return false
    // Away: a window without focus (no window at all is a test, not a person away).
    const away = typeof document !== 'undefined' && !document.hasFocus()
    rooms.countUnread(message, { away, addressed: addressedHere(message) })
    return true
  }

  /** Whether a message counts as a mention in the room list: addressed to this person, outside a DM. */
  function addressedHere(message: Message): boolean {
    const dm = rooms.rooms.find((room) => room.id === message.roomId)?.kind === 'dm'
    return !dm && addressedTo(message, presence.self)
  }

  function receive(message: Message): void {
    // An edit or deletion, in a batch: it announces nothing.
    if (message.rev !== undefined) return receiveChange(message)
    // A room held away from its newest: they are fetched when the reader comes back down.
    const line = timeline(message.roomId)
    const isNew = line.hasNewer ? !line.messages.some((shown) => shown.id === message.id) : upsert(message)
    // Not shown until the reader comes down, but the count under the message it answers moves now.
    if (line.hasNewer) followReplies(message)
    if (line.hasNewer && isNew) line.newerArrived = true
    if (sync.get(message.roomId)?.live) markSynced(message.roomId, message.id)
    // A replayed or batched copy of one already shown, or one's own, is nothing to announce.
    if (!isNew || !countUnread(message)) return
    const focused = typeof document !== 'undefined' && document.hasFocus()
    const room = rooms.rooms.find((candidate) => candidate.id === message.roomId)
    const notification = notificationFor(message, room, presence.self, focused, preferences.levelFor(message.roomId))
    if (!notification || preferences.paused()) return
    showNotification(notification, (target) => void openMessage(target))
    if (preferences.sound) playChime()
  }

  // Once a connection drops, nothing it delivers after that is trusted as
  // complete: a recovered connection's replay arrives before its connect
  // event, and catch-up from the mark held at the drop checks it.
  watch(
    () => connection.status,
    (status) => {
      if (status !== 'connected') suspendSync()
    },
    { flush: 'sync' },
  )

  function receiveChange(message: Message): void {
    applyChange(message)
    if (sync.get(message.roomId)?.live) markChangesSynced(message.roomId, message.rev!)
  }

  /** Someone's reaction or vote, on a message this client holds; others are not loaded, so there is nothing to change. */
  function receiveDelta(delta: MessageDelta): void {
    const list = timeline(delta.roomId).messages
    const index = list.findIndex((shown) => shown.id === delta.id)
    const changed = index === -1 ? null : withDelta(list[index]!, delta)
    if (changed) list[index] = { ...changed, state: 'sent' }
    if (sync.get(delta.roomId)?.live) markChangesSynced(delta.roomId, delta.rev)
  }

  connection.on('message:created', receive)
  connection.on('message:updated', receiveChange)
  // A burst in a large room; it includes this client's own messages, merged by clientId.
  connection.on('message:batch', (messages) => messages.forEach(receive))
  connection.on('message:deltas', (deltas) => deltas.forEach(receiveDelta))
  // This person's other devices: a room left there is left here; one read there is read here.
  connection.on('room:left', ({ roomId }) => forget(roomId))
  connection.on('room:removed', ({ roomId }) => forget(roomId))
  connection.on('read:unmarked', unmarkRead)
  connection.on('read:moved', ({ roomId, upTo }) => {
    rooms.readElsewhere(roomId, upTo)
    if (!marksKey || upTo <= (readMarks[roomId] ?? 0)) return
    readMarks[roomId] = upTo
    saveReadMarks(marksKey, readMarks)
  })

  return {
    timelines,
    outbox,
    undelivered,
    editingId,
    replyTargets,
    revealed,
    timeline,
    loadLatest,
    loadNewer,
    trimOlder,
    jumpTo,
    openMessage,
    openLinked,
    showLatest,
    loadOlder,
    startReply,
    cancelReply,
    send,
    forward,
    retry,
    discard,
    edit,
    remove,
    react,
    pin,
    vote,
    closePoll,
    flush,
    restoreOutbox,
    markAllRead,
    markUnread,
    restoreReadMarks,
    recountUnloaded,
    sendMarks,
    forget,
    sending,
    catchUp,
    reset,
  }
})
