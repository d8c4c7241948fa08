/**
 * Limits shared by server and clients, so a client can refuse early what the
 * server would refuse anyway. Each is enforced on the server by the schemas.
 */
export const LIMITS = {
  /** Display names: 1–32 characters after trimming. */
  nameMaxLength: 32,
  /** The emoji picker's quick row: the emoji used last. */
  recentEmojiMax: 6,
  /** A server's name (its `--name`), whole in an mDNS TXT record. */
  serverNameMaxLength: 64,
  /** What a server says about itself (its `--about`): a line on the join screen. */
  serverAboutMaxLength: 200,
  /** Room names: lowercase words joined by dashes, like `general` or `lab-3`. */
  roomNameMaxLength: 32,
  roomNamePattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  /** A room's topic: one line under its name. */
  roomTopicMaxLength: 250,
  /** A person's status, beside their name: "In a meeting until 3". */
  statusMaxLength: 80,
  /** How far ahead a status may be set to clear itself: a week. */
  statusClearAheadMaxMs: 7 * 24 * 60 * 60 * 1000,
  /** Message text, in characters (UTF-16 code units, as JavaScript counts them). */
  messageMaxLength: 4000,
  /** One page of history. */
  historyPageMax: 100,
  historyPageDefault: 50,
  /** How much of the answered message's text a reply carries: enough for the two lines it shows. */
  quoteMaxLength: 200,
  /** A poll's options: at least two, a short line each. */
  pollOptionsMin: 2,
  pollOptionsMax: 10,
  pollOptionMaxLength: 100,
  /** Messages pinned in one room: what the room keeps at hand, not a second history. */
  pinsPerRoomMax: 50,
  /** Messages one person keeps saved for later, across rooms. */
  savedPerPersonMax: 200,
  /** How far ahead a reminder may be set: a year. */
  reminderAheadMaxMs: 366 * 24 * 60 * 60 * 1000,
  /** The replies a thread shows at once: the first ones; the room holds the rest. */
  threadRepliesMax: 200,
  /** People one person ignores. */
  ignoredPerPersonMax: 500,
  /**
   * A profile picture's bytes: the app sends a square of `pictureSide` pixels,
   * a few KB. Under `maxPacketBytes` once base64 over long-polling (4/3).
   */
  pictureMaxBytes: 40 * 1024,
  /** The side of the square the app makes of a chosen picture, in pixels (twice the largest face shown). */
  pictureSide: 128,
  /** Messages one person has waiting to go out later, across rooms. */
  scheduledPerPersonMax: 50,
  /** How far ahead a message may be scheduled: a year. */
  scheduleAheadMaxMs: 366 * 24 * 60 * 60 * 1000,
  /** Different emoji on one message; anyone may still add to those already there. */
  reactionsPerMessageMax: 12,
  /** One emoji, in UTF-16 units: room for the longest joined sequences (a family with skin tones). */
  emojiMaxLength: 32,
  /** A search: its text, and one page of results (newest first). */
  searchQueryMaxLength: 200,
  searchTermsMax: 10,
  searchPageMax: 50,
  searchPageDefault: 20,
  /** Rooms a client may ask to rejoin when it (re)joins a session, or ask unread counts for. */
  rejoinRoomsMax: 200,
  /**
   * Unread messages counted per room when an app comes back; more show as
   * this many. Counting walks the room's index, so this bounds the work of a
   * request for many rooms (about 40 ms for 200 rooms past it).
   */
  unreadCountMax: 99,
  /**
   * The newest messages after a person's read mark, per room, read for ones
   * addressed to them (UnreadCount.mentions): each is read whole, so the
   * window is kept short.
   */
  unreadMentionScanMax: 200,
  /** Session tokens are opaque random strings made by the client. */
  tokenMinLength: 16,
  tokenMaxLength: 64,
  /**
   * Engine.IO's maxHttpBufferSize. The largest legal packet is a message:send
   * whose 4,000 characters each escape to at most 6 JSON bytes (`\u0000`),
   * plus the envelope; 64 KiB covers it with room to spare, where the default
   * would let a peer make the server buffer 1 MB per packet.
   */
  maxPacketBytes: 64 * 1024,
  /** Messages one connection may send per second; more get RATE_LIMITED. */
  sendsPerSecond: 20,
  /**
   * Searches one connection may make per second: enough to search as one
   * types (one per pause), while a client cannot keep the server busy with
   * searches for a common word in a large history (about 55 ms each for a
   * word in every one of a million messages; see the benchmark). Unread
   * counts (`message:unread`, once per join) share this limit: their cost
   * grows with the rooms asked for.
   */
  searchesPerSecond: 4,
  /** Requests of any kind one connection may make per second (file chunks aside). */
  requestsPerSecond: 60,
  /** The largest file one message may carry. */
  fileMaxBytes: 16 * 1024 * 1024,
  /**
   * A file travels in chunks of this size, each acknowledged. Over
   * long-polling binary goes as base64 (4/3 larger): 43,692 bytes, inside maxPacketBytes.
   */
  fileChunkBytes: 32 * 1024,
  fileNameMaxLength: 200,
  /** File chunks one connection may send per second: 4 MiB/s, apart from other requests. */
  fileChunksPerSecond: 128,
  /** Profile pictures set or taken off by one connection in ten seconds: each one goes to everyone. */
  picturesPerTenSeconds: 5,
  /** How long a file may wait, uploaded or not, for the message that carries it. */
  fileUnsentTtlMs: 60 * 60 * 1000,
  /** How long a code for adding a device works. */
  linkCodeTtlMs: 5 * 60 * 1000,
  /** Wrong device codes one address may try per minute. */
  linkCodeAttemptsPerMinute: 5,
  /** Wrong server passwords one address may try per minute. */
  passwordAttemptsPerMinute: 5,
  passwordMaxLength: 128,
} as const

/** The room every server has and every user is in. */
export const GENERAL_ROOM_ID = 'general'

/** How long a typing indicator lives without a refresh. */
export const TYPING_TTL_MS = 6000
