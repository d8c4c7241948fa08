import { z } from 'zod'
import { NOTIFY_LEVELS } from './bridge'
import { LIMITS } from './limits'
import { REMOVAL_MINUTES, SLOW_MODE_SECONDS } from './moderation'
import { nameKey, ROOM_MENTION } from './names'
import { PROBE_LIMITS } from './probe'
import { canonicalEmoji, isEmoji } from './reactions'

// Control characters and the Unicode direction overrides make names that
// look like someone else's or that scramble the text around them.
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Name must not be empty')
  .max(LIMITS.nameMaxLength, `Name must be at most ${LIMITS.nameMaxLength} characters`)
  .refine((name) => !UNSAFE_NAME_CHARS.test(name), 'Name contains invisible or control characters')
  .refine((name) => nameKey(name) !== ROOM_MENTION, '"room" is not a name: @room mentions everyone in a room')

export const roomNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Room name must not be empty')
  .max(LIMITS.roomNameMaxLength, `Room name must be at most ${LIMITS.roomNameMaxLength} characters`)
  .regex(LIMITS.roomNamePattern, 'Room name may hold only a–z, 0–9 and single dashes between them')

export const roomIdSchema = z.string().min(1).max(64)

/** A room's topic: one line of text; empty clears it. */
export const roomTopicSchema = z.strictObject({
  roomId: roomIdSchema,
  topic: z
    .string()
    .trim()
    .max(LIMITS.roomTopicMaxLength, `A topic must be at most ${LIMITS.roomTopicMaxLength} characters`)
    .refine((topic) => !UNSAFE_NAME_CHARS.test(topic), 'A topic is one line, without invisible or control characters'),
})

/** Who may post in a public room: everyone, or only moderators. */
export const roomPostingSchema = z.strictObject({ roomId: roomIdSchema, onlyModerators: z.boolean() })

export const joinRequestSchema = z.strictObject({
  name: displayNameSchema,
  token: z.string().min(LIMITS.tokenMinLength).max(LIMITS.tokenMaxLength),
  device: z.string().min(LIMITS.tokenMinLength).max(LIMITS.tokenMaxLength).optional(),
  rooms: z.array(roomIdSchema).max(LIMITS.rejoinRoomsMax).optional(),
  linkCode: z.string().max(32).optional(),
  moderatorPassword: z.string().max(LIMITS.passwordMaxLength).optional(),
  away: z.boolean().optional(),
})

export const roomCreateSchema = z.strictObject({ name: roomNameSchema, private: z.boolean().optional() })
export const roomInviteSchema = z.strictObject({ roomId: roomIdSchema, name: displayNameSchema })
export const roomJoinSchema = z.strictObject({ roomId: roomIdSchema })
export const dmOpenSchema = z.strictObject({ name: displayNameSchema })

export const messageTextSchema = z
  .string()
  .max(LIMITS.messageMaxLength, `Message must be at most ${LIMITS.messageMaxLength} characters`)
  .refine((text) => text.trim().length > 0, 'Message must not be empty')

const messageIdSchema = z.number().int().positive()

export const fileIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Not a file id')

const pollOptionSchema = z
  .string()
  .trim()
  .min(1, 'A poll option must not be empty')
  .max(LIMITS.pollOptionMaxLength, `A poll option must be at most ${LIMITS.pollOptionMaxLength} characters`)
  .refine((option) => !UNSAFE_NAME_CHARS.test(option), 'A poll option is one line, without invisible characters')

export const pollSchema = z.strictObject({
  options: z
    .array(pollOptionSchema)
    .min(LIMITS.pollOptionsMin, `A poll needs at least ${LIMITS.pollOptionsMin} options`)
    .max(LIMITS.pollOptionsMax, `A poll has at most ${LIMITS.pollOptionsMax} options`)
    .refine(
      (options) => new Set(options.map((option) => option.toLowerCase())).size === options.length,
      'A poll’s options must all be different',
    ),
})

export const sendRequestSchema = z
  .strictObject({
    roomId: roomIdSchema,
    text: z.string().max(LIMITS.messageMaxLength, `Message must be at most ${LIMITS.messageMaxLength} characters`),
    clientId: z.string().min(1).max(64).optional(),
    replyTo: messageIdSchema.optional(),
    fileId: fileIdSchema.optional(),
    poll: pollSchema.optional(),
    forward: messageIdSchema.optional(),
  })
  // A file, or a message passed on, may go without words.
  .refine(
    (request) => request.fileId !== undefined || request.forward !== undefined || request.text.trim().length > 0,
    { message: 'Message must not be empty', path: ['text'] },
  )
  .refine((request) => request.forward === undefined || (request.poll === undefined && request.fileId === undefined), {
    message: 'A message passed on carries no poll or file of its own',
    path: ['forward'],
  })
  .refine((request) => request.poll === undefined || request.fileId === undefined, {
    message: 'A poll carries no file',
    path: ['poll'],
  })

export const fileNameSchema = z
  .string()
  .trim()
  .min(1, 'File name must not be empty')
  .max(LIMITS.fileNameMaxLength, `File name must be at most ${LIMITS.fileNameMaxLength} characters`)
  .refine(
    (name) => !UNSAFE_NAME_CHARS.test(name) && !/[/\\]/.test(name),
    'File name contains a path or control characters',
  )

const fileTypeSchema = z
  .string()
  .max(100)
  .regex(/^[\w.+-]+\/[\w.+-]+$/, 'File type must be a media type such as image/png')

export const fileBeginSchema = z.strictObject({
  roomId: roomIdSchema,
  name: fileNameSchema,
  size: z
    .number()
    .int()
    .min(1, 'File is empty')
    .max(LIMITS.fileMaxBytes, `File must be at most ${LIMITS.fileMaxBytes / 2 ** 20} MiB`),
  type: fileTypeSchema,
})

export const fileChunkSchema = z.strictObject({
  fileId: fileIdSchema,
  offset: z.number().int().min(0),
  // Socket.IO hands binary over as a Buffer, a Uint8Array.
  data: z
    .instanceof(Uint8Array, { message: 'Chunk data must be binary' })
    .refine(
      (data) => data.byteLength >= 1 && data.byteLength <= LIMITS.fileChunkBytes,
      `A chunk holds 1 to ${LIMITS.fileChunkBytes} bytes`,
    ),
})

/** A file as the app keeps it with an unsent message (the desktop app's outbox file). */
export const fileInfoSchema = z.strictObject({
  id: fileIdSchema,
  name: fileNameSchema,
  size: z.number().int().min(1).max(LIMITS.fileMaxBytes),
  type: fileTypeSchema,
})

/** A message passed on, as the app keeps it with an unsent message (the desktop app's outbox file). */
export const forwardedSchema = z.strictObject({
  id: messageIdSchema,
  roomId: roomIdSchema,
  author: z.string().max(64),
  text: z.string().max(LIMITS.messageMaxLength),
  ts: z.number(),
  file: fileInfoSchema.optional(),
})

/** A reply's quote as the app keeps it with an unsent message (the desktop app's outbox file). */
export const quoteSchema = z.strictObject({
  id: messageIdSchema,
  author: z.string().max(64),
  text: z.string().max(LIMITS.quoteMaxLength),
  deleted: z.literal(true).optional(),
})

export const historyRequestSchema = z
  .strictObject({
    roomId: roomIdSchema,
    before: z.number().int().positive().optional(),
    after: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(LIMITS.historyPageMax).optional(),
  })
  .refine((request) => request.before === undefined || request.after === undefined, 'Use before or after, not both')

export const editRequestSchema = z.strictObject({ id: messageIdSchema, text: messageTextSchema })
export const readMarkSchema = z.strictObject({ roomId: roomIdSchema, upTo: z.number().int().min(0) })

export const unreadRequestSchema = z.strictObject({
  marks: z.array(readMarkSchema).max(LIMITS.rejoinRoomsMax),
  rooms: z.array(roomIdSchema).max(LIMITS.rejoinRoomsMax).optional(),
})

export const reactRequestSchema = z.strictObject({
  id: messageIdSchema,
  emoji: z.string().max(LIMITS.emojiMaxLength).refine(isEmoji, 'A reaction is one emoji').transform(canonicalEmoji),
  on: z.boolean(),
})
export const deleteRequestSchema = z.strictObject({ id: messageIdSchema })
export const voteRequestSchema = z.strictObject({
  id: messageIdSchema,
  option: z
    .number()
    .int()
    .min(0)
    .max(LIMITS.pollOptionsMax - 1)
    .nullable(),
})
export const closePollSchema = z.strictObject({ id: messageIdSchema })
export const pinRequestSchema = z.strictObject({ id: messageIdSchema, pinned: z.boolean() })
export const pinsRequestSchema = z.strictObject({ roomId: roomIdSchema })
export const saveRequestSchema = z.strictObject({ id: messageIdSchema, saved: z.boolean() })
export const remindRequestSchema = z.strictObject({
  id: messageIdSchema,
  at: z.number().int('A reminder’s time is whole milliseconds').positive().nullable(),
})

export const threadRequestSchema = z.strictObject({ id: messageIdSchema })
export const ignoreRequestSchema = z.strictObject({ name: displayNameSchema, ignored: z.boolean() })
export const dmHideSchema = z.strictObject({ roomId: roomIdSchema, hidden: z.boolean() })
/** A profile picture's bytes (PNG, JPEG or WebP, told by the bytes themselves), or null to take it off. */
export const pictureRequestSchema = z.strictObject({
  // Socket.IO hands binary over as a Buffer, a Uint8Array.
  image: z
    .instanceof(Uint8Array, { message: 'A picture must be binary' })
    .refine(
      (image) => image.byteLength >= 1 && image.byteLength <= LIMITS.pictureMaxBytes,
      `A picture holds 1 to ${LIMITS.pictureMaxBytes / 1024} KiB`,
    )
    .nullable(),
})

const scheduledAtSchema = z.number().int('A time is whole milliseconds').positive()
export const scheduleRequestSchema = z.strictObject({
  roomId: roomIdSchema,
  text: messageTextSchema,
  at: scheduledAtSchema,
  replyTo: messageIdSchema.optional(),
})
export const scheduledIdSchema = z.strictObject({ id: messageIdSchema })
export const scheduledEditSchema = z
  .strictObject({ id: messageIdSchema, text: messageTextSchema.optional(), at: scheduledAtSchema.optional() })
  .refine((edit) => edit.text !== undefined || edit.at !== undefined, 'Give the new words, the new time, or both')

export const changesRequestSchema = z.strictObject({
  roomId: roomIdSchema,
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(LIMITS.historyPageMax).optional(),
})

export const searchRequestSchema = z
  .strictObject({
    query: z.string().max(LIMITS.searchQueryMaxLength, `Search at most ${LIMITS.searchQueryMaxLength} characters`),
    from: displayNameSchema.optional(),
    hasFile: z.boolean().optional(),
    since: z.number().int().nonnegative().optional(),
    until: z.number().int().nonnegative().optional(),
    roomId: roomIdSchema.optional(),
    before: messageIdSchema.optional(),
    limit: z.number().int().min(1).max(LIMITS.searchPageMax).optional(),
  })
  .refine(
    (request) =>
      request.query.trim().length > 0 ||
      request.from !== undefined ||
      request.hasFile === true ||
      request.since !== undefined ||
      request.until !== undefined,
    'Type something to search for',
  )

export const typingRequestSchema = z.strictObject({
  roomId: roomIdSchema,
  typing: z.boolean(),
})
export const presenceSetSchema = z.strictObject({ away: z.boolean() })
export const presenceSeenSchema = z.strictObject({ name: displayNameSchema })
export const shareSeenSchema = z.strictObject({ share: z.boolean() })
/** A room's own notification level, or null to follow the one for everywhere. */
export const emojiPrefsSchema = z.strictObject({
  skinTone: z.number().int().min(0).max(5),
  recent: z
    .array(z.string().max(64).refine(isEmoji, 'Not an emoji'))
    .max(LIMITS.recentEmojiMax, `At most ${LIMITS.recentEmojiMax} recent emoji`),
})

export const roomNotifySchema = z.strictObject({ roomId: roomIdSchema, level: z.enum(NOTIFY_LEVELS).nullable() })
export const roomFavouriteSchema = z.strictObject({ roomId: roomIdSchema, favourite: z.boolean() })
/** A person's favourites in the order they want them: ids not among them are passed over. */
export const favouritesOrderSchema = z.strictObject({ roomIds: z.array(roomIdSchema).max(1000) })
/** A person's status: one line; empty clears it. */
export const statusTextSchema = z
  .string()
  .trim()
  .max(LIMITS.statusMaxLength, `A status must be at most ${LIMITS.statusMaxLength} characters`)
  .refine((status) => !UNSAFE_NAME_CHARS.test(status), 'A status is one line, without invisible or control characters')
export const presenceStatusSchema = z.strictObject({
  status: statusTextSchema,
  until: z.number().int('A time is whole milliseconds').positive().optional(),
})

export const receiptsShareSchema = z.strictObject({ share: z.boolean() })

export const removeRequestSchema = z.strictObject({
  name: displayNameSchema,
  minutes: z.literal(REMOVAL_MINUTES, { error: `A removal lasts ${REMOVAL_MINUTES.join(', ')} minutes` }),
})
export const liftRequestSchema = z.strictObject({ name: displayNameSchema })
export const slowModeRequestSchema = z.strictObject({
  roomId: roomIdSchema,
  seconds: z.literal(SLOW_MODE_SECONDS, { error: `Slow mode is ${SLOW_MODE_SECONDS.join(', ')} seconds` }),
})

/** The first problem in a failed parse, as its message alone (for one-field forms). */
export function issueMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Invalid input'
}

/** The first problem in a failed parse, phrased for a person, with where it is. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'Invalid payload'
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  return `${where}${issue.message}`
}

export const pingRequestSchema = z.strictObject({ sentAt: z.number().finite() })

export const probeChannelSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Not a probe channel')
export const probeJoinSchema = z.strictObject({ channel: probeChannelSchema })
export const probeSendSchema = z.strictObject({ seq: z.number().int().min(1).max(PROBE_LIMITS.seqMax) })
