import { LIMITS } from './limits'
import type { Message, Quote } from './models'

/** The start of a text, never cut through a character written as two UTF-16 units (an emoji, say). */
export function excerpt(text: string, max: number = LIMITS.quoteMaxLength): string {
  if (text.length <= max) return text
  const last = text.charCodeAt(max - 1)
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max)
}

/** What a reply to `message` shows of it: the server builds it for stored replies, the app for one being written. */
export function quoteOf(message: Pick<Message, 'id' | 'author' | 'text' | 'deletedAt'>): Quote {
  const quote: Quote = { id: message.id, author: message.author, text: excerpt(message.text) }
  if (message.deletedAt !== undefined) quote.deleted = true
  return quote
}
