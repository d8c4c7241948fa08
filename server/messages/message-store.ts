import type { FileInfo, Forwarded, HistoryPage, Message, Poll, Reaction, SearchResults } from '../../protocol'

export interface NewMessage {
  roomId: string
  author: string
  text: string
  clientId: string | null
  /** The id of a message in the same room that this one answers. */
  replyTo?: number
  /** An uploaded file, checked by the caller; the store attaches it only if no other message has. */
  file?: FileInfo
  /** A poll's options: the text is its question. */
  poll?: string[]
  /** Its `@room` notifies everyone: the caller checked the author may (`mayNotifyRoom`). */
  everyone?: boolean
  /** A message passed on, as it was: the caller checked the author may read it. */
  forwarded?: Forwarded
}

/** The file was attached to another message meanwhile. */
export class FileTakenError extends Error {
  override name = 'FileTakenError'
}

/** Where messages live. The handlers depend on this, not on SQLite. */
export interface MessageStore {
  /**
   * Stores a message and resolves with it once committed. A repeated clientId
   * from the same author resolves with the message already stored instead of a copy.
   */
  append(message: NewMessage): Promise<Message>
  /** Commits appends still waiting for their batch and stops background work (before the database closes). */
  flush(): void
  /**
   * A page of a room's history, oldest first: the newest messages, or those
   * just before `before`, or those just after `after`.
   */
  page(roomId: string, options: { before?: number; after?: number; limit: number }): HistoryPage
  /** One stored message (deleted ones too), or undefined. */
  get(id: number): Message | undefined
  /** The messages that answer `id`, oldest first, at most `limit`. */
  replies(id: number, limit: number): Message[]
  /** The message this author stored under this clientId, if any: a resend whose ack was lost. */
  sent(author: string, clientId: string): Message | undefined
  /** Replaces a message's text (whose `@room` notifies everyone, or not), with the next change number; returns it as stored. */
  edit(id: number, text: string, everyone: boolean): Message
  /**
   * Empties a message's text and marks it deleted, with the next change
   * number; `by` names the moderator when its author did not. Returns what is left.
   */
  remove(id: number, by?: string): Message
  /** Replaces a message's reactions, with the next change number; returns it as stored. */
  setReactions(id: number, reactions: Reaction[]): Message
  /** Replaces a poll (its votes, or that it is closed), with the next change number; returns it as stored. */
  setPoll(id: number, poll: Poll): Message
  /** Pins a message to its room (`by` who), or unpins it (null), with the next change number; returns it as stored. */
  setPinned(id: number, by: string | null): Message
  /** A room's pinned messages, the latest pinned first, at most `limit`. */
  pinned(roomId: string, limit: number): Message[]
  /** How many messages are pinned in a room. */
  pinnedCount(roomId: string): number
  /**
   * How many messages of a room after id `after` are someone else's and not
   * deleted, counting at most `max`; how many of those among the room's
   * newest `LIMITS.unreadMentionScanMax` after `after` are addressed to the
   * reader (at most `max` too); and the room's newest id. The messages of
   * people the reader ignores (`ignoring`, name keys) count for neither.
   */
  unreadAfter(
    roomId: string,
    after: number,
    reader: string,
    max: number,
    ignoring?: readonly string[],
  ): { count: number; mentions: number; upTo: number }
  /** The id of a room's newest message (deleted or not), 0 if it has none. */
  newestId(roomId: string): number
  /** A room's messages edited or deleted after change number `after`, in change order. */
  changes(roomId: string, options: { after: number; limit: number }): HistoryPage
  /**
   * Messages in these rooms that hold every word of `query`, newest first.
   * Rejects with SearchesBusyError when too many searches wait already.
   */
  search(
    query: string,
    roomIds: string[],
    options: { before?: number; limit: number; from?: string; hasFile?: boolean; since?: number; until?: number },
  ): Promise<SearchResults>
}
