import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  GENERAL_ROOM_ID,
  LIMITS,
  dmPartner,
  sameName,
  type AckError,
  type AckResult,
  type JoinResult,
  type Room,
  type SlowModeSeconds,
  type UnreadCount,
} from '../../../protocol'
import { issueMessage, roomInviteSchema, roomNameSchema, roomTopicSchema } from '../../../protocol/schemas'
import { useConnectionStore } from './connection'
import { useFavouritesStore } from './favourites'
import { useHiddenDmsStore } from './hidden-dms'
import { usePreferencesStore } from './preferences'
import { usePresenceStore } from './presence'

/** One part of the sidebar's list: favourites, rooms, or DMs. */
export interface SidebarSection {
  id: 'favourites' | 'rooms' | 'dms'
  rooms: Room[]
}

/** A room that went from under this person (see `gone` in the store). */
export type GoneRoom = { roomId: string; label: string } & (
  { how: 'removed' | 'taken-out'; by: string } | { how: 'missing' }
)

/** Rooms and DMs: which exist, which this client is in, which is open, and what is unread. */
export const useRoomsStore = defineStore('rooms', () => {
  const connection = useConnectionStore()
  const preferences = usePreferencesStore()
  const presence = usePresenceStore()
  const favourites = useFavouritesStore()
  const hiddenDms = useHiddenDmsStore()
  const rooms = ref<Room[]>([])
  const joinedIds = ref<string[]>([])
  const activeRoomId = ref(GENERAL_ROOM_ID)
  const unread = ref<Record<string, number>>({})
  /** Per room, which messages the unread count holds: one deleted before it is read stops counting. */
  const unreadIds = new Map<string, Set<number>>()
  /** Per room, unread messages counted by the server after the read mark this app kept (see setUnreadCounts). */
  const unreadBase = new Map<string, number>()
  /** The newest message each server count covered: read past it elsewhere, the count is read too. */
  const unreadBaseUpTo = new Map<string, number>()
  /** Rooms whose server count stopped at its cap: there are more unread than the count says. */
  const unreadCapped = ref<Record<string, boolean>>({})
  /** Per room, how many of the unread are addressed to this person (`addressedTo`): the room list's `@` badge. */
  const mentioned = ref<Record<string, number>>({})
  /** Like unreadIds and unreadBase, for the unread addressed to this person. */
  const mentionIds = new Map<string, Set<number>>()
  const mentionBase = new Map<string, number>()
  const recount = (roomId: string): void => {
    unread.value[roomId] = (unreadBase.get(roomId) ?? 0) + (unreadIds.get(roomId)?.size ?? 0)
    mentioned.value[roomId] = (mentionBase.get(roomId) ?? 0) + (mentionIds.get(roomId)?.size ?? 0)
  }
  const idsIn = (ids: Map<string, Set<number>>, roomId: string): Set<number> =>
    ids.get(roomId) ?? ids.set(roomId, new Set()).get(roomId)!
  const forget = (ids: Map<string, Set<number>>, roomId: string, upTo: number): void => {
    const held = ids.get(roomId)
    for (const id of held ?? []) if (id <= upTo) held!.delete(id)
  }
  /**
   * A room this person was in (or looking at) that went, taken away by
   * someone else: a moderator removed it, or its owner took them out. Shown
   * until dismissed, so the move back to #general is never unexplained. Or,
   * `missing`, the open room was not there on joining again after a time
   * offline: who took it is not known then.
   */
  const gone = ref<GoneRoom | null>(null)
  function noteGone(roomId: string, by: string, how: 'removed' | 'taken-out'): void {
    const room = rooms.value.find((candidate) => candidate.id === roomId)
    const had = joinedIds.value.includes(roomId) || activeRoomId.value === roomId
    // A moderator who removed it knows why.
    if (!room || !had || sameName(by, presence.self)) return
    gone.value = { roomId, label: `#${room.name}`, by, how }
  }
  /** How many messages were unread in the room last opened (or looked at again), as it was opened. */
  const openedUnread = ref<{ roomId: string; count: number } | null>(null)
  /** The room in view, marked unread by hand: it stays so until opened again, not just looked at. */
  let keptUnread: string | null = null

  const publicRooms = computed(() => rooms.value.filter((room) => room.kind === 'room'))
  const privateRooms = computed(() => rooms.value.filter((room) => room.kind === 'private'))
  const directMessages = computed(() => rooms.value.filter((room) => room.kind === 'dm'))
  /** The DMs this person closed, but the one open in view (a DM closed on another device stays until left). */
  const closedDms = computed(() =>
    directMessages.value.filter((dm) => hiddenDms.has(dm.id) && dm.id !== activeRoomId.value),
  )
  /**
   * The sidebar's list, in its order: this person's favourites first (rooms
   * and DMs, in their own order), then the other rooms, public before
   * private, then the other DMs, those closed left out. Moving between rooms
   * follows it; the Go to box follows it too, then offers the closed DMs.
   */
  const sidebar = computed((): SidebarSection[] => {
    const shownDms = directMessages.value.filter((dm) => !closedDms.value.includes(dm))
    const listed = [...publicRooms.value, ...privateRooms.value, ...shownDms]
    const others = listed.filter((room) => !favourites.has(room.id))
    // In the person's own order (the order marked, until they move them).
    const byId = new Map(listed.map((room) => [room.id, room]))
    const favoured = favourites.ids.flatMap((roomId) => byId.get(roomId) ?? [])
    return [
      { id: 'favourites', rooms: favoured },
      { id: 'rooms', rooms: others.filter((room) => room.kind !== 'dm') },
      { id: 'dms', rooms: others.filter((room) => room.kind === 'dm') },
    ]
  })
  /** Every room and DM listed, in the sidebar's order. */
  const listed = computed(() => sidebar.value.flatMap((section) => section.rooms))
  /** What the Go to box finds: everything listed, then the DMs closed. */
  const findable = computed(() => [...listed.value, ...closedDms.value])
  const activeRoom = computed(() => rooms.value.find((room) => room.id === activeRoomId.value))
  /** What the title and the dock show: a muted room counts in its own row only. */
  const totalUnread = computed(() =>
    Object.entries(unread.value).reduce((sum, [roomId, count]) => (preferences.muted(roomId) ? sum : sum + count), 0),
  )

  function upsert(room: Room): void {
    const index = rooms.value.findIndex((existing) => existing.id === room.id)
    if (index === -1) rooms.value.push(room)
    else rooms.value[index] = room
  }

  function markJoined(roomId: string): void {
    if (!joinedIds.value.includes(roomId)) joinedIds.value.push(roomId)
  }

  function hydrate(result: JoinResult): void {
    const open = activeRoom.value
    rooms.value = [...result.rooms]
    joinedIds.value = [...result.joinedRoomIds]
    if (rooms.value.some((room) => room.id === activeRoomId.value)) return
    if (open) gone.value = { roomId: open.id, label: `#${open.name}`, how: 'missing' }
    activeRoomId.value = GENERAL_ROOM_ID
  }

  function markRead(roomId: string): void {
    unreadIds.delete(roomId)
    unreadBase.delete(roomId)
    mentionIds.delete(roomId)
    mentionBase.delete(roomId)
    mentioned.value[roomId] = 0
    unreadBaseUpTo.delete(roomId)
    delete unreadCapped.value[roomId]
    unread.value[roomId] = 0
  }

  function select(roomId: string): void {
    // Opening a closed DM (from the Go to box, a card, a notification) brings it back to the list.
    if (hiddenDms.has(roomId)) hiddenDms.set(roomId, false)
    keptUnread = null
    openedUnread.value = { roomId, count: unread.value[roomId] ?? 0 }
    activeRoomId.value = roomId
    markRead(roomId)
  }

  /**
   * Counts a new message as unread: in a room not in view, or in the open one
   * while the window is `away`; `addressed` to this person, as a mention too.
   */
  function countUnread(
    { roomId, id }: { roomId: string; id: number },
    { away = false, addressed = false }: { away?: boolean; addressed?: boolean } = {},
  ): void {
    if (roomId === activeRoomId.value && !away) return
    idsIn(unreadIds, roomId).add(id)
    if (addressed) idsIn(mentionIds, roomId).add(id)
    recount(roomId)
  }

  /** An unread message counted here, edited: whether it is `addressed` to this person now. */
  function readdress({ roomId, id }: { roomId: string; id: number }, addressed: boolean): void {
    if (!unreadIds.get(roomId)?.has(id)) return
    if (addressed) idsIn(mentionIds, roomId).add(id)
    else mentionIds.get(roomId)?.delete(id)
    recount(roomId)
  }

  /** A message deleted before it was read: it no longer counts. */
  function uncountUnread({ roomId, id }: { roomId: string; id: number }): void {
    const counted = unreadIds.get(roomId)?.delete(id)
    if (mentionIds.get(roomId)?.delete(id) || counted) recount(roomId)
  }

  /**
   * What the server counted after this app's read marks, back after a reload
   * or restart. Live messages it already counted (up to its newest id) are
   * not counted twice. For the room in view, the count places the New line.
   */
  function setUnreadCounts(counts: UnreadCount[]): void {
    for (const { roomId, count, upTo, mentions } of counts) {
      forget(unreadIds, roomId, upTo)
      forget(mentionIds, roomId, upTo)
      if (roomId === activeRoomId.value) {
        if (count > 0) openedUnread.value = { roomId, count }
        continue
      }
      holdCount({ roomId, count, upTo, mentions })
    }
  }

  /** What the server counted in a room, up to its newest then: what live messages add to. */
  function holdCount({ roomId, count, upTo, mentions }: Omit<UnreadCount, 'readUpTo'>): void {
    unreadBase.set(roomId, count)
    // A DM is all to this person: its count says it, without a mention badge beside it.
    const dm = rooms.value.find((room) => room.id === roomId)?.kind === 'dm'
    mentionBase.set(roomId, dm ? 0 : (mentions ?? 0))
    unreadBaseUpTo.set(roomId, upTo)
    if (count >= LIMITS.unreadCountMax) unreadCapped.value[roomId] = true
    else delete unreadCapped.value[roomId]
    recount(roomId)
  }

  /**
   * Marked unread from a message on, here or on another device: the room
   * counts what the server counted from there (and what came since), the
   * room in view too, with its New line moved there.
   */
  function markUnread(counted: UnreadCount): void {
    const { roomId, count, upTo } = counted
    forget(unreadIds, roomId, upTo)
    forget(mentionIds, roomId, upTo)
    holdCount(counted)
    if (roomId !== activeRoomId.value) return
    keptUnread = roomId
    openedUnread.value = { roomId, count }
  }

  /** Read up to `upTo` on another device of this person's: what that covers no longer counts here. */
  function readElsewhere(roomId: string, upTo: number): void {
    forget(unreadIds, roomId, upTo)
    forget(mentionIds, roomId, upTo)
    if ((unreadBaseUpTo.get(roomId) ?? Infinity) <= upTo) {
      unreadBase.delete(roomId)
      mentionBase.delete(roomId)
      delete unreadCapped.value[roomId]
    }
    recount(roomId)
  }

  /** Each room with something unread, and the newest message its count holds (what reading it all reaches). */
  function unreadUpTo(): Map<string, number> {
    const newest = new Map<string, number>()
    for (const [roomId, count] of Object.entries(unread.value)) {
      if (count === 0) continue
      newest.set(roomId, Math.max(unreadBaseUpTo.get(roomId) ?? 0, ...(unreadIds.get(roomId) ?? [])))
    }
    return newest
  }

  /** The rooms and DMs one can open without joining (one is in every private room and DM listed), in the sidebar's order. */
  const openable = computed(() =>
    listed.value.filter((room) => room.kind !== 'room' || joinedIds.value.includes(room.id)),
  )

  /**
   * Opens the room `delta` places from the one in view (wrapping around), or
   * with `unreadOnly` the nearest one that way with unread messages; false
   * when there is none to go to.
   */
  function step(delta: 1 | -1, unreadOnly = false): boolean {
    const list = openable.value
    const n = list.length
    const at = list.findIndex((room) => room.id === activeRoomId.value)
    for (let moved = 1; moved < n; moved++) {
      const room = list[(((at + delta * moved) % n) + n) % n]!
      if (unreadOnly && !(unread.value[room.id] ?? 0)) continue
      select(room.id)
      return true
    }
    return false
  }

  /** Back in the window: the open room's messages are seen. */
  function markActiveSeen(): void {
    if (keptUnread === activeRoomId.value) return
    const count = unread.value[activeRoomId.value] ?? 0
    if (count === 0) return
    openedUnread.value = { roomId: activeRoomId.value, count }
    markRead(activeRoomId.value)
  }

  async function settle(result: { data: Room } | AckError): Promise<AckError | null> {
    if ('error' in result) return result
    upsert(result.data)
    markJoined(result.data.id)
    select(result.data.id)
    return null
  }

  /** Creates a room, or joins it if it already exists, and opens it; `hidden`: a new private room. */
  async function create(name: string, hidden = false): Promise<AckError | null> {
    // Refuse early what the server would refuse, with the same words.
    const checked = roomNameSchema.safeParse(name)
    if (!checked.success) return { error: 'INVALID_PAYLOAD', message: issueMessage(checked.error) }
    return settle(await connection.request('room:create', { name: checked.data, ...(hidden && { private: true }) }))
  }

  /** A room as the server has it after a change: kept, or why there was none. */
  function changed(result: AckResult<Room>): AckError | null {
    if ('error' in result) return result
    upsert(result.data)
    return null
  }

  /** Adds someone online to a private room; null once they are in, or why not. */
  async function invite(roomId: string, name: string): Promise<AckError | null> {
    const checked = roomInviteSchema.safeParse({ roomId, name })
    if (!checked.success) return { error: 'INVALID_PAYLOAD', message: issueMessage(checked.error) }
    return changed(await connection.request('room:invite', checked.data))
  }

  /** The owner of a private room takes someone out of it; null once they are out, or why not. */
  async function removePerson(roomId: string, name: string): Promise<AckError | null> {
    const checked = roomInviteSchema.safeParse({ roomId, name })
    if (!checked.success) return { error: 'INVALID_PAYLOAD', message: issueMessage(checked.error) }
    return changed(await connection.request('room:remove-person', checked.data))
  }

  async function join(roomId: string): Promise<AckError | null> {
    return settle(await connection.request('room:join', { roomId }))
  }

  /** Opens a room or DM from the list or the "Go to" box: one this person is in at once, another by joining it. */
  async function open(roomId: string): Promise<AckError | null> {
    if (!joinedIds.value.includes(roomId)) return join(roomId)
    select(roomId)
    return null
  }

  /** Sets a room's topic for everyone in it ('' clears it); null once the server has it, or why not. */
  async function setTopic(roomId: string, topic: string): Promise<AckError | null> {
    const checked = roomTopicSchema.safeParse({ roomId, topic })
    if (!checked.success) return { error: 'INVALID_PAYLOAD', message: issueMessage(checked.error) }
    return changed(await connection.request('room:topic', checked.data))
  }

  /** A moderator makes a public room one where only moderators post, or opens it again; null once the server has it, or why not. */
  async function setOnlyModeratorsPost(roomId: string, only: boolean): Promise<AckError | null> {
    return changed(await connection.request('room:posting', { roomId, onlyModerators: only }))
  }

  /** A moderator puts a public room in slow mode (seconds between one person's messages; 0: off); null once the server has it, or why not. */
  async function setSlowMode(roomId: string, seconds: SlowModeSeconds): Promise<AckError | null> {
    return changed(await connection.request('room:slow-mode', { roomId, seconds }))
  }

  /** When this person may post again in each room in slow mode, by this device's clock. */
  const nextPostAt = ref<Record<string, number>>({})
  /** One's message was stored in a room: in slow mode (moderators aside), the wait starts. */
  function posted(roomId: string, moderator: boolean): void {
    const seconds = rooms.value.find((room) => room.id === roomId)?.slowModeSeconds
    if (seconds && !moderator) nextPostAt.value = { ...nextPostAt.value, [roomId]: Date.now() + seconds * 1000 }
  }

  /** A moderator removes a public room for everyone; null once it is gone, or why not. */
  async function removeRoom(roomId: string): Promise<AckError | null> {
    const result = await connection.request('room:remove', { roomId })
    return 'error' in result ? result : null
  }

  /**
   * Leaves a room: a public one stays listed, to join again; a private one
   * goes, as only an invitation brings one back. #general opens if it was in view.
   */
  async function leave(roomId: string): Promise<AckError | null> {
    const result = await connection.request('room:leave', { roomId })
    if ('error' in result) return result
    dropJoined(roomId)
    return null
  }

  function dropJoined(roomId: string): void {
    joinedIds.value = joinedIds.value.filter((id) => id !== roomId)
    markRead(roomId)
    if (activeRoomId.value === roomId) select(GENERAL_ROOM_ID)
    rooms.value = rooms.value.filter((room) => room.id !== roomId || room.kind !== 'private')
  }

  async function openDm(name: string): Promise<AckError | null> {
    return settle(await connection.request('dm:open', { name }))
  }

  /** The favourites as listed, with `roomId` moved to just before `before` (null: to the end). */
  function placeFavourite(roomId: string, before: string | null): void {
    const shown = favouredIds().filter((id) => id !== roomId)
    const at = before === null ? shown.length : shown.indexOf(before)
    if (at === -1) return
    shown.splice(at, 0, roomId)
    favourites.order(shown)
  }

  /** Moves a favourite one place up (-1) or down (1) the list; false at either end. */
  function moveFavourite(roomId: string, delta: -1 | 1): boolean {
    const shown = favouredIds()
    const at = shown.indexOf(roomId)
    if (at === -1 || at + delta < 0 || at + delta >= shown.length) return false
    placeFavourite(roomId, delta < 0 ? shown[at - 1]! : (shown[at + 2] ?? null))
    return true
  }

  /** The favourites as the sidebar lists them, by id. */
  const favouredIds = (): string[] =>
    sidebar.value.find((section) => section.id === 'favourites')!.rooms.map((room) => room.id)

  /** Closes a DM: out of the list until a message comes in it; the one in view gives way to #general. */
  function closeDm(roomId: string): void {
    if (activeRoomId.value === roomId) select(GENERAL_ROOM_ID)
    hiddenDms.set(roomId, true)
  }

  function reset(): void {
    rooms.value = []
    joinedIds.value = []
    activeRoomId.value = GENERAL_ROOM_ID
    unread.value = {}
    unreadIds.clear()
    unreadBase.clear()
    unreadBaseUpTo.clear()
    mentioned.value = {}
    mentionIds.clear()
    mentionBase.clear()
    unreadCapped.value = {}
    openedUnread.value = null
    keptUnread = null
    nextPostAt.value = {}
    gone.value = null
  }

  /** A room back that had gone (a moderator brought it back, or its owner added this person again): no notice needed. */
  function cameBack(roomId: string): void {
    if (gone.value?.roomId === roomId) gone.value = null
  }

  connection.on('room:created', (room) => {
    upsert(room)
    cameBack(room.id)
  })
  connection.on('room:updated', upsert)
  connection.on('room:added', (room) => {
    upsert(room)
    markJoined(room.id)
    cameBack(room.id)
  })
  // Left on another device of this person's, or taken out by the room's owner (`by`).
  connection.on('room:left', ({ roomId, by }) => {
    if (by !== undefined) noteGone(roomId, by, 'taken-out')
    dropJoined(roomId)
  })
  // Removed by a moderator: gone for everyone.
  connection.on('room:removed', ({ roomId, by }) => {
    noteGone(roomId, by, 'removed')
    dropJoined(roomId)
    rooms.value = rooms.value.filter((room) => room.id !== roomId)
  })

  return {
    rooms,
    joinedIds,
    activeRoomId,
    unread,
    unreadCapped,
    mentioned,
    openedUnread,
    totalUnread,
    directMessages,
    sidebar,
    listed,
    findable,
    activeRoom,
    hydrate,
    select,
    countUnread,
    uncountUnread,
    readdress,
    setUnreadCounts,
    readElsewhere,
    markUnread,
    unreadUpTo,
    open,
    step,
    markActiveSeen,
    create,
    setTopic,
    removePerson,
    setOnlyModeratorsPost,
    setSlowMode,
    removeRoom,
    gone,
    nextPostAt,
    posted,
    invite,
    join,
    leave,
    openDm,
    closeDm,
    placeFavourite,
    moveFavourite,
    reset,
  }
})

/** How a room is shown: `#name`, or the other person's name for a DM. */
export function roomLabel(room: Room, self: string): string {
  if (room.kind !== 'dm') return `#${room.name}`
  return dmPartner(room.members ?? ['', ''], self)
}
