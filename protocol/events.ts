import type { Ack, AckResult } from './errors'
import type { NotifyLevel } from './bridge'
import type { Removal, RemovedRoom, RemoveRequest, SlowModeSeconds } from './moderation'
import type {
  EmojiPrefs,
  HistoryPage,
  JoinResult,
  Member,
  Message,
  MessageDelta,
  PresenceChanges,
  Room,
  SearchResults,
  ServerInfo,
  TypingEvent,
} from './models'

/** Sent in the Socket.IO handshake (`auth`). */
export interface HandshakeAuth {
  password?: string
}

export interface JoinRequest {
  name: string
  /** A random token the client keeps for its session, so a reconnect reclaims its name. */
  token: string
  /**
   * A random id this browser or app keeps across restarts. Its tabs may use
   * one name at once, and so may devices linked to it (`linkCode`).
   * Without one, each session is a device of its own.
   */
  device?: string
  /** Rooms to rejoin, besides `general` and the person's DMs. */
  rooms?: string[]
  /**
   * A code from `session:link` on another device of this person's: this
   * device may then use the name while that one is online too, from now on.
   */
  linkCode?: string
  /** The server's moderator password, to moderate (see JoinResult.moderator). */
  moderatorPassword?: string
  /** Joins already away (a reconnect while idle), so others never see a moment's "online". */
  away?: boolean
}

/** What `session:link` answers: a code for another device to join with, once. */
export interface DeviceLinkCode {
  /** Eight letters and digits, shown as two groups of four. */
  code: string
  /** When it stops working (ms since the epoch, server clock). */
  expiresAt: number
}

export interface HistoryRequest {
  roomId: string
  /** Only messages with a smaller id: the cursor for older pages. */
  before?: number
  /** Only messages with a larger id, oldest first: the cursor for catching up. */
  after?: number
  limit?: number
}

export interface ChangesRequest {
  roomId: string
  /** Only messages edited or deleted after this change number (`rev`), in change order. */
  after: number
  limit?: number
}

export interface SearchRequest {
  /** Words to find, each as a word or the start of one; case and accents do not matter. May be empty with `from`, `hasFile` or days. */
  query: string
  /** Only this person's messages (their name in any spelling); with no words, all of them. */
  from?: string
  /** Only messages with a file (`has:file`); with no words, every one of them. */
  hasFile?: boolean
  /** Only messages sent at this time or later (ms since the epoch: the start of a day after `after:`, or of the day `on:` names). */
  since?: number
  /** Only messages sent before this time (the start of the day `before:` names, or the end of the day `on:` names). */
  until?: number
  /** Only this room; otherwise every room and DM the person can read. */
  roomId?: string
  /** Only messages with a smaller id: the cursor for more results. */
  before?: number
  limit?: number
}

export interface SendRequest {
  roomId: string
  /** May be empty with a file, or when forwarding. */
  text: string
  clientId?: string
  /** The id of a message in the same room that this one answers. */
  replyTo?: number
  /** A file this person uploaded to this room (`file:begin`, `file:chunk`) and sent with no message yet; the text may then be empty. */
  fileId?: string
  /** Makes the message a poll with these options (`LIMITS.pollOptionsMin` to `pollOptionsMax`, all different); the text is its question. */
  poll?: { options: string[] }
  /** Passes on a message this person can read, from any room or DM, as it is now (`Message.forwarded`); the text is a comment and may be empty. */
  forward?: number
}

/** Starts a file's upload to a room; its chunks follow with `file:chunk`. */
export interface FileBeginRequest {
  roomId: string
  name: string
  /** In bytes, at most `LIMITS.fileMaxBytes`. */
  size: number
  /** A media type such as `image/png`; `application/octet-stream` when unknown. */
  type: string
}

/** The next part of an upload, at most `LIMITS.fileChunkBytes`. */
export interface FileChunkRequest {
  fileId: string
  /** Where it starts in the file: the bytes received so far. A chunk sent again is acknowledged, not written twice. */
  offset: number
  data: Uint8Array
}

/** How far one has read a room: every message up to this id. */
export interface ReadMark {
  roomId: string
  upTo: number
}

/**
 * Read receipts, which work both ways: who does not share them sees none.
 * On by default.
 */
export interface DmReceipts {
  share: boolean
  /** How far the other person has read each DM, where both share receipts and they read it at all. */
  marks: ReadMark[]
}

/** What an app asks when it joins: how much is unread after how far this person has read. */
export interface UnreadRequest {
  /** This device's marks. The server keeps the higher of each and its own. */
  marks: ReadMark[]
  /** Rooms this device has no mark for: the server's mark, if any, counts for them. */
  rooms?: string[]
}

/** A message saved for later, and when. */
export interface SavedMessage {
  message: Message
  savedAt: number
  /** When to remind this person of it (ms since the epoch), if they asked to be (`message:remind`). */
  remindAt?: number
}

/** A message saved (`savedAt`, and `remindAt` if it has a reminder) or let go (null). */
export interface SavedChange {
  message: Message
  savedAt: number | null
  remindAt?: number
}

/** A message and its replies (`message:thread`); `hasMore` when there are more than were sent. */
export interface Thread {
  root: Message
  replies: Message[]
  hasMore: boolean
}

/** A message written to go out later (`message:schedule`), waiting on the server until then. */
export interface ScheduledMessage {
  id: number
  roomId: string
  text: string
  /** When it goes out (ms since the epoch, by the server's clock). */
  at: number
  replyTo?: number
  /** Why it could not go at its time (the room removed, its writer no longer in it): kept until changed or cancelled. */
  failed?: string
}

/** Someone else's messages in a room after one's read mark, deleted ones aside. */
export interface UnreadCount {
  roomId: string
  /** At most `LIMITS.unreadCountMax`. */
  count: number
  /** The room's newest message when counted: live messages up to it are in the count already. */
  upTo: number
  /** The mark counted from: the higher of this device's and the server's (read on another device). */
  readUpTo: number
  /**
   * How many of the unread are addressed to this person (`addressedTo`): an
   * `@name`, a calling `@room`, a reply to theirs; among the room's newest
   * `LIMITS.unreadMentionScanMax` messages after the mark, and at most
   * `LIMITS.unreadCountMax`. Absent from servers before it was counted.
   */
  mentions?: number
}

export interface ReactRequest {
  id: number
  /** One emoji: a flag, a skin tone or a joined sequence counts as one. */
  emoji: string
  /** Add one's reaction, or take it back; asking twice changes nothing, so a retry is harmless. */
  on: boolean
}

/** Events a client emits. Every request ends with an ack carrying `{data}` or `{error, message}`. */
export interface ClientToServerEvents {
  'session:join': (request: JoinRequest, ack: Ack<JoinResult>) => void
  'session:ping': (request: { sentAt: number }, ack: Ack<{ sentAt: number; serverTime: number }>) => void
  /** A code for another device to join under this name while this one is online (`JoinRequest.linkCode`). */
  'session:link': (request: Record<string, never>, ack: Ack<DeviceLinkCode>) => void
  /**
   * Unlinks this person's other devices and signs them out (`session:ended`);
   * this device's tabs stay. The ack says how many connections were closed.
   */
  'session:unlink': (request: Record<string, never>, ack: Ack<{ signedOut: number }>) => void
  /**
   * A moderator removes someone online: every connection of theirs ends
   * (`session:ended`) and they are kept out for `minutes`. The ack carries
   * the removal.
   */
  'moderation:remove': (request: RemoveRequest, ack: Ack<Removal>) => void
  /** A moderator lets someone removed back in at once; the ack carries who is still kept out. */
  'moderation:lift': (request: { name: string }, ack: Ack<Removal[]>) => void
  /** For a moderator: who is kept out now, the soonest back first. */
  'moderation:removals': (request: Record<string, never>, ack: Ack<Removal[]>) => void
  /** For a moderator: the public rooms removed, the latest first. */
  'moderation:removed-rooms': (request: Record<string, never>, ack: Ack<RemovedRoom[]>) => void
  /**
   * Creates a public room (or joins it, if it exists) and tells everyone; or,
   * `private`, a new room only its people see, the creator its first.
   */
  'room:create': (request: { name: string; private?: boolean }, ack: Ack<Room>) => void
  /**
   * Adds someone online to a private room one is in: they see it at once, on
   * every device, history included. The ack carries the room with its people.
   */
  'room:invite': (request: { roomId: string; name: string }, ack: Ack<Room>) => void
  /**
   * Takes someone out of a private room, as if they had left it (their
   * devices get `room:left`); only the room's owner may. The ack carries the
   * room with its people.
   */
  'room:remove-person': (request: { roomId: string; name: string }, ack: Ack<Room>) => void
  'room:join': (request: { roomId: string }, ack: Ack<Room>) => void
  /** Sets a public room's topic (empty clears it), for everyone; anyone in the room may. */
  'room:topic': (request: { roomId: string; topic: string }, ack: Ack<Room>) => void
  /**
   * Makes a public room one where only moderators post (announcements), or
   * open again, for everyone; moderators only. The ack carries the room.
   */
  'room:posting': (request: { roomId: string; onlyModerators: boolean }, ack: Ack<Room>) => void
  /**
   * Puts a public room in slow mode (each person but moderators waits
   * `seconds` between messages there), or out of it with 0; moderators only.
   */
  'room:slow-mode': (request: { roomId: string; seconds: SlowModeSeconds }, ack: Ack<Room>) => void
  /**
   * Removes a public room (not #general) for everyone: it goes from every
   * list and nobody can open it, search it or make another of its name;
   * moderators only. Everyone gets `room:removed`.
   */
  'room:remove': (request: { roomId: string }, ack: Ack<null>) => void
  /**
   * Brings back a removed public room, with its messages and files, for
   * everyone (`room:created`); those who were in it are in it again, on every
   * device (`room:added`). Moderators only. The ack carries the room.
   */
  'room:restore': (request: { roomId: string }, ack: Ack<Room>) => void
  /**
   * Leaves a public room on every connection of this person's; #general and
   * DMs cannot be left. Leaving a private room gives up reading it: only an
   * invitation brings one back.
   */
  'room:leave': (request: { roomId: string }, ack: Ack<null>) => void
  /**
   * Gives a room this person can read a notification level of their own, or
   * (null) has it follow the one for everywhere again: on all their devices,
   * kept by the server.
   */
  'room:notify': (request: { roomId: string; level: NotifyLevel | null }, ack: Ack<null>) => void
  /** Lists a room this person can read first in their sidebar (or, false, no longer): on all their devices, kept by the server. */
  'room:favourite': (request: { roomId: string; favourite: boolean }, ack: Ack<null>) => void
  /**
   * Puts this person's favourites in this order, on all their devices: those
   * named first, as named, then any not named, as they were. The ack carries
   * the order kept.
   */
  'room:order-favourites': (request: { roomIds: string[] }, ack: Ack<string[]>) => void
  /**
   * Closes a DM (or, false, opens it again): out of this person's list on all
   * their devices until a message comes in it, from someone they do not ignore.
   * Its history stays. Only a DM: a room is left instead.
   */
  'dm:hide': (request: { roomId: string; hidden: boolean }, ack: Ack<null>) => void
  /**
   * Sets this person's profile picture (PNG, JPEG or WebP, at most
   * `LIMITS.pictureMaxBytes`), or takes it off (null): everyone sees it at
   * once, beside their messages and on their card. The ack carries its
   * version (`pictures`), or null once it is off.
   */
  'person:picture': (request: { image: Uint8Array | null }, ack: Ack<number | null>) => void
  /**
   * Ignores someone (or, false, no longer): their messages fold away and
   * neither count as unread nor notify, on all this person's devices. They
   * are not told. The ack carries everyone ignored now.
   */
  'person:ignore': (request: { name: string; ignored: boolean }, ack: Ack<string[]>) => void
  /** Keeps this person's skin tone and recent emoji, for all their devices; the ack carries them as kept. */
  'emoji:prefs': (prefs: EmojiPrefs, ack: Ack<EmojiPrefs>) => void
  'dm:open': (request: { name: string }, ack: Ack<Room>) => void
  'message:send': (request: SendRequest, ack: Ack<Message>) => void
  'message:history': (request: HistoryRequest, ack: Ack<HistoryPage>) => void
  /** Replaces the text of one's own message; the ack carries it as stored. */
  'message:edit': (request: { id: number; text: string }, ack: Ack<Message>) => void
  /** Deletes one's own message: what stays is a tombstone with empty text. Repeating it is harmless. */
  'message:delete': (request: { id: number }, ack: Ack<Message>) => void
  /** Adds or takes back one's reaction to a message in a room one is in; the ack carries the message as stored. */
  'message:react': (request: ReactRequest, ack: Ack<Message>) => void
  /**
   * Pins a message to its room, or unpins it, for everyone in the room; anyone
   * in it may. Asking twice changes nothing. The ack carries the message as stored.
   */
  'message:pin': (request: { id: number; pinned: boolean }, ack: Ack<Message>) => void
  /**
   * Votes for one option of a poll in a room one is in (moving one's vote if
   * it was elsewhere), or takes one's vote back (null). Asking twice changes
   * nothing. The ack carries the message as stored.
   */
  'message:vote': (request: { id: number; option: number | null }, ack: Ack<Message>) => void
  /** Closes one's own poll: its votes stand and no more are taken. Asking twice changes nothing. */
  'message:close-poll': (request: { id: number }, ack: Ack<Message>) => void
  /** A room's pinned messages, the latest pinned first (at most `LIMITS.pinsPerRoomMax`). */
  'message:pins': (request: { roomId: string }, ack: Ack<Message[]>) => void
  /**
   * Saves a message for later, or lets it go: this person's own list, on all
   * their devices (`saved:changed`). Asking twice changes nothing.
   */
  'message:save': (request: { id: number; saved: boolean }, ack: Ack<SavedChange>) => void
  /**
   * Sets when to remind this person of a message (ms since the epoch, at
   * most `LIMITS.reminderAheadMaxMs` ahead), saving it if it was not; null
   * takes the reminder off (done), leaving it saved. On all their devices
   * (`saved:changed`), which each show it once it comes due.
   */
  'message:remind': (request: { id: number; at: number | null }, ack: Ack<SavedChange>) => void
  /** A message and the messages that answer it, oldest first (at most `LIMITS.threadRepliesMax`): its thread. */
  'message:thread': (request: { id: number }, ack: Ack<Thread>) => void
  /** This person's saved messages they can still read, the latest saved first (at most `LIMITS.savedPerPersonMax`). */
  'message:saved': (request: Record<string, never>, ack: Ack<SavedMessage[]>) => void
  /**
   * Writes a message to go out at `at` (ms since the epoch, at most
   * `LIMITS.scheduleAheadMaxMs` ahead): the server sends it then, as this
   * person, whether or not they are online. Checked now as a message is, and
   * again when it goes. On all their devices (`scheduled:changed`).
   */
  'message:schedule': (
    request: { roomId: string; text: string; at: number; replyTo?: number },
    ack: Ack<ScheduledMessage>,
  ) => void
  /** Changes a scheduled message's words or time (which also retries one that failed). */
  'scheduled:edit': (request: { id: number; text?: string; at?: number }, ack: Ack<ScheduledMessage>) => void
  /** Sends a scheduled message now. */
  'scheduled:send': (request: { id: number }, ack: Ack<Message>) => void
  /** Drops a scheduled message unsent. */
  'scheduled:cancel': (request: { id: number }, ack: Ack<{ id: number }>) => void
  /** This person's scheduled messages, the soonest first (at most `LIMITS.scheduledPerPersonMax`). */
  'scheduled:list': (request: Record<string, never>, ack: Ack<ScheduledMessage[]>) => void
  /** How many messages are unread in each room after one's read marks (kept by the app across restarts). */
  'message:unread': (request: UnreadRequest, ack: Ack<UnreadCount[]>) => void
  /** Moves this person's mark in a room forward (never back); the ack carries the mark as kept. */
  'message:read': (request: ReadMark, ack: Ack<ReadMark>) => void
  /**
   * Marks a room unread after `upTo` ("Mark unread" on the message after it):
   * the one request that moves a mark back. The ack counts what is unread
   * from there; the person's other devices hear it as `read:unmarked`.
   */
  'message:mark-unread': (request: ReadMark, ack: Ack<UnreadCount>) => void
  /**
   * Whether this person shares read receipts, and how far the other person has
   * read each of their DMs: what "Seen" goes by. DMs the other has not read,
   * and everyone's when either of the two does not share, are left out.
   */
  'receipts:get': (request: Record<string, never>, ack: Ack<DmReceipts>) => void
  /** Shares read receipts or stops, on every device of this person's, both ways (see DmReceipts). */
  'receipts:share': (request: { share: boolean }, ack: Ack<{ share: boolean }>) => void
  /** Messages that hold every word of a query, newest first, from the rooms this person can read. */
  'message:search': (request: SearchRequest, ack: Ack<SearchResults>) => void
  /** A room's edits and deletions since a change number: how a client that was away catches up on them. */
  'message:changes': (request: ChangesRequest, ack: Ack<HistoryPage>) => void
  'typing:set': (request: { roomId: string; typing: boolean }, ack: Ack<null>) => void
  /**
   * When someone was last online (ms since the epoch, server clock), for a DM
   * with a person who is not: null if never. Online now, it is the time they joined.
   */
  'presence:seen': (request: { name: string }, ack: Ack<{ at: number | null }>) => void
  /**
   * Shows when this person was last online, or stops (on all their devices,
   * kept by the server). Both ways: while they do not, `presence:seen`
   * answers null about them, and to them about everyone.
   */
  'presence:share-seen': (request: { share: boolean }, ack: Ack<{ share: boolean }>) => void
  /** Sets what this person says they are doing, for everyone and on all their devices, kept by the server; '' clears it. */
  /**
   * Says what this person is doing, for everyone ('' clears it); with `until`
   * (ms since the epoch, at most `LIMITS.statusClearAheadMaxMs` ahead), the
   * server clears it by itself then.
   */
  'presence:status': (request: { status: string; until?: number }, ack: Ack<Member>) => void
  /** This connection is away (idle, or set by hand) or back; a person is away when all their connections are. */
  'presence:set': (request: { away: boolean }, ack: Ack<null>) => void
  /** Starts an upload; the ack carries the file's id. An upload not sent with a message within an hour is discarded. */
  'file:begin': (request: FileBeginRequest, ack: Ack<{ fileId: string }>) => void
  /** Stores one chunk; the ack says how many bytes the server has, so a client can resume after a lost connection. */
  'file:chunk': (request: FileChunkRequest, ack: Ack<{ received: number }>) => void
}

/** Events the server emits. */
export interface ServerToClientEvents {
  'message:created': (message: Message) => void
  /** Several new messages of one room, oldest first: how a large room gets a burst. */
  'message:batch': (messages: Message[]) => void
  /** A message edited or deleted, in its new state (with `rev`). */
  'message:updated': (message: Message) => void
  /** Reactions and votes, oldest first: one, or a large room's burst of them (after its `message:batch`). */
  'message:deltas': (deltas: MessageDelta[]) => void
  'room:created': (room: Room) => void
  /** A room changed (its topic), as it is now. */
  'room:updated': (room: Room) => void
  /** A room this person was added to, such as a DM someone else opened. */
  'room:added': (room: Room) => void
  /** This connection's session was ended from another of the person's devices; it will be disconnected. */
  'session:ended': (notice: { reason: string }) => void
  /** To moderators: who is kept out now, after a removal or a lift by any of them. */
  'moderation:removals': (removals: Removal[]) => void
  /** To moderators: the public rooms removed, after a room is removed or brought back by any of them. */
  'moderation:removed-rooms': (rooms: RemovedRoom[]) => void
  /** This person gave a room a notification level (or none) on another of their devices. */
  'room:notify': (change: { roomId: string; level: NotifyLevel | null }) => void
  /** This person marked a room as a favourite (or no longer) on another of their devices. */
  'room:favourite': (change: { roomId: string; favourite: boolean }) => void
  /** This person put their favourites in a new order on another of their devices: all of them, in it. */
  'room:favourites-ordered': (roomIds: string[]) => void
  /** This person closed a DM, or opened it again, on another device; or a message came in it and opened it on all of them. */
  'dm:hidden': (change: { roomId: string; hidden: boolean }) => void
  /** Someone set a profile picture (its new version) or took theirs off (null). To everyone. */
  'person:picture': (change: { name: string; version: number | null }) => void
  /** This person ignored someone, or stopped, on another of their devices: everyone ignored now. */
  'person:ignored': (names: string[]) => void
  /** This person chose a skin tone or used an emoji on another of their devices. */
  'emoji:prefs': (prefs: EmojiPrefs) => void
  /** This person left a room on another of their devices, or (`by`: its owner) was taken out of a private room. */
  'room:left': (left: { roomId: string; by?: string }) => void
  /** A moderator removed a public room: it is gone for everyone. */
  'room:removed': (removed: { roomId: string; by: string }) => void
  /** This person read a room up to a message on another of their devices. */
  'read:moved': (mark: ReadMark) => void
  /** Marked unread on another device of this person's (`message:mark-unread`): what counts unread now. */
  'read:unmarked': (count: UnreadCount) => void
  /** Saved or let go on one of this person's devices (the one that did it has it in its ack). */
  'saved:changed': (change: SavedChange) => void
  /** This person's scheduled messages as they are now, the soonest first: one was written, changed, cancelled or sent. */
  'scheduled:changed': (list: ScheduledMessage[]) => void
  /** The other person in a DM read it up to a message (a read receipt; both of them share them). */
  'receipts:seen': (mark: ReadMark) => void
  /** The other person in a DM stopped sharing read receipts: what "Seen" showed there is gone. */
  'receipts:withheld': (dm: { roomId: string }) => void
  /** This person started or stopped showing when they were last online, on another of their devices. */
  'presence:seen-shared': (setting: { share: boolean }) => void
  /** This person started or stopped sharing read receipts on another of their devices. */
  'receipts:shared': (setting: { share: boolean }) => void
  'presence:joined': (member: Member) => void
  'presence:updated': (member: Member) => void
  'presence:left': (member: { name: string }) => void
  /** Several presence changes at once: how a large server sends a burst of them. */
  'presence:batch': (changes: PresenceChanges) => void
  'typing:changed': (event: TypingEvent) => void
  /** Typing in a large room, gathered: each name's latest state (the typist's own included). */
  'typing:batch': (events: TypingEvent[]) => void
  /**
   * Sent to each new connection through the broadcast path. Socket.IO's state
   * recovery needs the client to hold the offset of a broadcast packet; without
   * one, a reconnect could never restore the session.
   */
  'server:hello': (info: ServerInfo) => void
  /** The server is stopping (e.g. for a restart); it will disconnect everyone next. */
  'server:shutdown': (notice: { reason: string }) => void
}

export type InterServerEvents = Record<string, never>

/** What the server keeps on each socket once it has joined. */
export interface SocketData {
  name?: string
  token?: string
  device?: string
  /** Gave the moderator password when joining. */
  moderator?: boolean
  /** This connection's person is idle here, or set away by hand. */
  away?: boolean
}

export type RequestEvent = keyof ClientToServerEvents

/** The payload a request event takes. */
export type RequestOf<E extends RequestEvent> = Parameters<ClientToServerEvents[E]>[0]

/**
 * What a request event's ack carries. Socket.IO's own typing of
 * `timeout().emitWithAck()` loses this, so clients use it to restore it.
 */
export type ResponseOf<E extends RequestEvent> =
  Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? AckResult<T> : never
