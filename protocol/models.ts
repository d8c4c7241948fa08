import type { NotifyLevel } from './bridge'

/** The shapes that travel between server and clients. */

export type TransportName = 'polling' | 'websocket'

export interface Member {
  name: string
  /** The transport this person's connection uses right now (their newest, if they are on several). */
  transport: TransportName
  /** How many devices they are on, when more than one. */
  devices?: number
  /** Away: idle, or set away by hand, on every device they are on. */
  away?: true
  /** What they say they are doing, one line (`presence:status`); kept while they are offline too. */
  status?: string
  /** When the server clears that status by itself (ms since the epoch), if they said. */
  statusUntil?: number
  /** Moderates this server, on at least one of their devices: everyone may know who can remove them. */
  moderator?: true
}

/** Presence changes sent together: each name's latest state. */
export interface PresenceChanges {
  /** Online now: joined, or updated. */
  online: Member[]
  /** Gone offline. */
  left: string[]
}

export interface Room {
  /** `general`, a room name, `private:<n>` for a private room, or `dm:<n>` for a direct conversation. */
  id: string
  /** A public room anyone may join, a private one only its people may see, or a DM between two. */
  kind: 'room' | 'private' | 'dm'
  /** The room name; for a DM, the two participants' names joined by a comma. */
  name: string
  /** Only for DMs: the two participants. */
  members?: [string, string]
  /** Only for private rooms: everyone in it, by name as they spelled it when they came in. */
  people?: string[]
  /**
   * Only for private rooms made since owners were kept: who made it (or, once
   * they left, whoever had been in it longest), who alone may take people out.
   */
  owner?: string
  /** Only for public and private rooms, when one was set: what the room is for, one line. */
  topic?: string
  /** Only for public rooms a moderator made so: only moderators post in it; everyone reads, reacts and votes. */
  onlyModeratorsPost?: true
  /** Only for public rooms in slow mode: the seconds each person (moderators aside) waits between messages. */
  slowModeSeconds?: number
}

export interface Message {
  /** Server id, increasing with every stored message. */
  id: number
  /** The sender's own id for this message, if it sent one. */
  clientId: string | null
  roomId: string
  author: string
  text: string
  /** Server time of storage, in ms since the epoch. */
  ts: number
  /** When its author last edited the text; absent if never. */
  editedAt?: number
  /** When its author (or a moderator) deleted it; its text is then empty. */
  deletedAt?: number
  /** The moderator who deleted it, when its author did not. */
  deletedBy?: string
  /**
   * The server's change number of the last edit or deletion; absent if
   * neither. Change numbers only grow, across rooms: the cursor for catching
   * up on changes, and how a client tells a later state from an earlier one.
   */
  rev?: number
  /** The message this one answers, as it is now; absent if it answers none. */
  replyTo?: Quote
  /** Reactions, in the order each emoji was first given; absent if none. */
  reactions?: Reaction[]
  /** A file sent with it; absent if none, and gone once the message is deleted. */
  file?: FileInfo
  /** Pinned to its room, by whom and when; absent if not (and once deleted). */
  pinned?: Pin
  /** A poll: the text is its question; absent if it is not one (and once deleted). */
  poll?: Poll
  /**
   * Its `@room` notifies everyone in the room: written where its author may
   * (`mayNotifyRoom`, as of sending or the last edit). Absent otherwise, and
   * where it has none.
   */
  everyone?: true
  /** A message this one passes on (`forward` on sending): as it was then, wherever it was. */
  forwarded?: Forwarded
  /** How many messages, not deleted, answer this one, as the server read it with this copy; absent for none. */
  replies?: number
}

/** A message passed on to another room or DM, as it was when it was: a copy, not a link that follows it. */
export interface Forwarded {
  id: number
  roomId: string
  author: string
  text: string
  /** When it was first sent. */
  ts: number
  file?: FileInfo
}

/**
 * One person's reaction or vote on a message, sent to the room instead of
 * the whole message: a popular message in a crowded room would carry every
 * name that reacted or voted to everyone, with each reaction and vote.
 * `rev` is the message's change number after it (see `withDelta`).
 */
export type MessageDelta = { id: number; roomId: string; rev: number; name: string } & (
  | { kind: 'reaction'; emoji: string; on: boolean }
  /** The option voted for, or null: the vote taken back. */
  | { kind: 'vote'; option: number | null }
)

/** A poll's options, in the order given, each with who voted for it (one vote per person). */
export interface Poll {
  options: PollOption[]
  /** Closed by its author: the votes stand, and no more are taken. */
  closed?: true
}

export interface PollOption {
  text: string
  voters: string[]
}

/** Who pinned a message to its room, and when (ms since the epoch, server clock). */
export interface Pin {
  by: string
  at: number
}

/** A file sent with a message: downloaded from the server at `/files/<id>`. */
export interface FileInfo {
  /** 32 random hex digits: the file's link is all it takes to download it. */
  id: string
  /** As the sender's computer named it. */
  name: string
  /** In bytes. */
  size: number
  /** The media type the sender's computer gave it; downloads are always served as attachments. */
  type: string
}

/** Where a stored file is downloaded, from a server's base URL. */
export function fileUrl(serverUrl: string, file: Pick<FileInfo, 'id'>): string {
  return `${serverUrl.replace(/\/+$/, '')}/files/${file.id}`
}

/** One emoji given to a message, and by whom, in the order they gave it. */
export interface Reaction {
  emoji: string
  names: string[]
}

/** What a reply shows of the message it answers, and where to find it. */
export interface Quote {
  id: number
  author: string
  /** The start of its text, at most `LIMITS.quoteMaxLength` characters; empty once it was deleted. */
  text: string
  /** Present once the answered message was deleted. */
  deleted?: true
  /**
   * How many messages, not deleted, answer the quoted one, as the server read
   * it with this copy; absent for none, and in quotes the app makes itself.
   */
  replies?: number
}

export interface HistoryPage {
  /** Oldest first. */
  messages: Message[]
  /**
   * Whether there are more in the direction asked: older than the first
   * message (by default, or with `before`), or newer than the last (with `after`).
   */
  hasMore: boolean
  /** The server's latest change number when it read the page: where catching up on changes starts. */
  rev: number
}

export interface SearchResults {
  /** Newest first; deleted messages never match. */
  messages: Message[]
  /** Whether older matches exist: ask again with `before` the last one's id. */
  hasMore: boolean
}

export interface JoinResult {
  name: string
  /** Every public room and the DMs this person takes part in. */
  rooms: Room[]
  /** The rooms this connection now receives messages from. */
  joinedRoomIds: string[]
  members: Member[]
  server: ServerInfo
  /** This connection moderates: it may delete anyone's message in a public room. */
  moderator?: boolean
  /** False when this person does not show when they were last online (`presence:share-seen`). */
  sharesLastSeen: boolean
  /** The rooms this person gave a notification level of their own (`room:notify`), by room id. */
  roomLevels: Record<string, NotifyLevel>
  /** The rooms and DMs listed here that this person marked as favourites, in the order they did (from protocol 4). */
  favourites?: string[]
  /** The people this person ignores, as they were named when ignored, in that order (from protocol 5). */
  ignored?: string[]
  /** The DMs this person closed (`dm:hide`), none of them with a message since (from protocol 6). */
  hiddenDms?: string[]
  /**
   * Everyone with a profile picture, online or not: their name key (`nameKey`)
   * to its version. Each is read at `/pictures/<key>` (from protocol 6).
   */
  pictures?: Record<string, number>
  /** This person's skin tone and recent emoji, once a device of theirs gave them (`emoji:prefs`). */
  emojiPrefs?: EmojiPrefs
}

/** The emoji picker's choices that follow a person to every device. */
export interface EmojiPrefs {
  /** 0 for none (the yellow default), 1–5 for the five Fitzpatrick modifiers. */
  skinTone: number
  /** The emoji used last, newest first, at most `LIMITS.recentEmojiMax`. */
  recent: string[]
}

export interface ServerInfo {
  name: string
  /** What it speaks (`PROTOCOL_VERSION`); absent from a server that speaks 1. */
  protocol?: number
  /** A line about the server from whoever runs it (what it is for, its rules); absent if none. */
  about?: string
  version: string
  /** Where others on the LAN open the web client: one URL per network interface. */
  lanUrls?: string[]
  /** The server has moderators (a moderator password): in its public rooms only they notify everyone with `@room`. */
  moderated?: true
}

export interface TypingEvent {
  roomId: string
  name: string
  typing: boolean
}

export interface HealthReport {
  status: 'ok'
  name: string
  /** As in ServerInfo: shown on the join screen before anyone joins. */
  about?: string
  version: string
  uptimeSeconds: number
  connections: Record<TransportName, number> & { total: number }
  members: number
  /** Whether joining needs the server password (the join screen asks for it only then). */
  password: boolean
  /** Whether the server has moderators (the join screen offers their password only then). */
  moderated: boolean
  /** Whether lab mode (a netsim link per web client) is on. */
  lab: boolean
}
