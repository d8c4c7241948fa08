import { fileUrl, type Message } from '../../../protocol'
import { readableText } from './action-message'
import { fileSize } from './file-size'

/** Where an export came from, for its first lines. */
export interface ExportSource {
  /** How the room reads in the app: `#general`, or the other person's name for a DM. */
  room: string
  /** The server's name and the address it was reached at. */
  server: string
  serverUrl: string
  /** Who exported it, and when (ms since the epoch). */
  by: string
  at: number
}

export type ExportFormat = 'markdown' | 'json'

const DAY = new Intl.DateTimeFormat([], { dateStyle: 'full' })
const TIME = new Intl.DateTimeFormat([], { timeStyle: 'short' })
const STAMP = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeStyle: 'short' })

/** Words as written, but a line starting with `#` stays a line, not a heading among the days. */
function asWritten(text: string): string {
  return text.replace(/^( {0,3})#/gm, '$1\\#')
}

/** Each line of `text` as a Markdown quote. */
function quoted(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n')
}

/** One message as Markdown: who and when, what it answers or passes on, its words, file, poll and reactions. */
function messageMarkdown(message: Message, serverUrl: string): string {
  const edited = message.editedAt !== undefined && message.deletedAt === undefined ? ' · edited' : ''
  const lines = [`**${message.author}** · ${TIME.format(message.ts)}${edited}`]
  if (message.deletedAt !== undefined) {
    lines.push(message.deletedBy ? `_Message deleted by ${message.deletedBy}_` : '_Message deleted_')
    return lines.join('\n')
  }
  const reply = message.replyTo
  if (reply) lines.push(quoted(`↩ ${reply.author}: ${reply.deleted ? 'Message deleted' : reply.text}`))
  const forwarded = message.forwarded
  if (forwarded) {
    lines.push(quoted(`↪ Forwarded from ${forwarded.author}\n${readableText(forwarded.author, forwarded.text)}`))
  }
  if (message.text !== '') lines.push(asWritten(readableText(message.author, message.text)))
  const file = message.file ?? forwarded?.file
  if (file) lines.push(`📎 [${file.name}](${fileUrl(serverUrl, file)}) (${fileSize(file.size)})`)
  if (message.poll) {
    for (const option of message.poll.options) {
      lines.push(`- ${option.text}: ${option.voters.length} ${option.voters.length === 1 ? 'vote' : 'votes'}`)
    }
    if (message.poll.closed) lines.push('_Poll closed_')
  }
  if (message.reactions?.length) {
    lines.push(message.reactions.map(({ emoji, names }) => `${emoji} ${names.length}`).join(' · '))
  }
  return lines.join('\n')
}

/**
 * A room's messages, oldest first, as a Markdown file: where it came from,
 * then a heading for each day and the messages of that day, in the local
 * time zone. Words are kept as written: Parley's formatting is Markdown's.
 */
export function exportMarkdown(messages: readonly Message[], source: ExportSource): string {
  const count = messages.length === 1 ? '1 message' : `${messages.length} messages`
  const parts = [
    `# ${source.room}`,
    `Exported from ${source.server} (${source.serverUrl}) by ${source.by}, ${STAMP.format(source.at)}: ${count}.`,
  ]
  let day = ''
  for (const message of messages) {
    const heading = DAY.format(message.ts)
    if (heading !== day) parts.push(`## ${heading}`)
    day = heading
    parts.push(messageMarkdown(message, source.serverUrl))
  }
  return `${parts.join('\n\n')}\n`
}

/** The same as JSON, each message as the server sent it: for scripts and spreadsheets. */
export function exportJson(messages: readonly Message[], source: ExportSource): string {
  return `${JSON.stringify({ ...source, exportedAt: new Date(source.at).toISOString(), messages }, null, 2)}\n`
}

/** `parley-general-2026-12-08.md`: the room's name, made safe for a file name, and the day. */
export function exportFileName(room: string, at: number, format: ExportFormat): string {
  const date = new Date(at)
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
  const slug =
    room
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'room'
  return `parley-${slug}-${day}.${format === 'json' ? 'json' : 'md'}`
}
