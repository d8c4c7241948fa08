import { LIMITS } from './limits'
import type { FileInfo, Forwarded, Message, Quote } from './models'

/**
 * At most `max` characters of a text, ending in `…` when it was cut, and
 * never cut through a character written as two UTF-16 units (an emoji, say).
 */
export function excerpt(text: string, max: number = LIMITS.quoteMaxLength): string {
  if (text.length <= max) return text
  const end = max - 1
  const last = text.charCodeAt(end - 1)
  return `${text.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end)}…`
}

/**
 * What a reply to `message` shows of it: the server builds it for stored
 * replies, the app for one being written. A file sent without words is
 * quoted by its name.
 */
export function quoteOf(
  message: Pick<Message, 'id' | 'author' | 'text' | 'deletedAt'> & { file?: Pick<FileInfo, 'name'> },
): Quote {
  const text = message.text === '' && message.file ? `📎 ${message.file.name}` : message.text
  const quote: Quote = { id: message.id, author: message.author, text: excerpt(text) }
  if (message.deletedAt !== undefined) quote.deleted = true
  return quote
}

/**
 * What passing `message` on carries of it: the server keeps it with the
 * message that passes it on, and the app shows it while that one waits to be
 * sent. One that only passed another on, with no words of its own, passes on
 * that one: the copy names where it first came from.
 */
export function forwardOf(message: Message): Forwarded {
  if (message.forwarded && message.text.trim() === '') return message.forwarded
  const { id, roomId, author, text, ts, file } = message
  return { id, roomId, author, text, ts, ...(file && { file }) }
}
