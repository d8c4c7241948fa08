import type { TypedToken } from './completion'

/** What the composer does itself instead of sending: `/name argument`. */
export interface SlashCommand {
  name: 'away' | 'back' | 'topic' | 'shrug' | 'me' | 'status' | 'poll'
  /** What follows the name, as the list shows it. */
  args: string
  does: string
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { name: 'away', args: '', does: 'Appear away until /back' },
  { name: 'back', args: '', does: 'Appear active again' },
  { name: 'topic', args: 'text', does: 'Set the topic of this room (empty clears it)' },
  { name: 'shrug', args: 'text', does: 'Send text with ¯\\_(ツ)_/¯ after it' },
  { name: 'me', args: 'action', does: 'Say what you are doing, after your name, in italics' },
  { name: 'status', args: 'text', does: 'Set your status, beside your name for everyone (empty clears it)' },
  { name: 'poll', args: 'question | option | option…', does: 'Ask a question everyone can vote on' },
]

/**
 * `/poll`'s argument: the question, then each option, between `|`s; or why
 * it is not a poll. What the options may be is the send schema's to say.
 */
export function parsePoll(argument: string): { question: string; options: string[] } | { error: string } {
  const [question = '', ...options] = argument.split('|').map((part) => part.trim())
  if (question === '' || options.length < 2) {
    return { error: 'Ask a question and give at least two options: /poll Lunch where? | Pizza | Sushi' }
  }
  return { question, options }
}

/** ¯\_(ツ)_/¯ as a message's text, its backslash and underscores escaped from the formatting. */
export const SHRUG = '¯\\\\\\_(ツ)\\_/¯'

/**
 * The command a message is, or null: a known `/name` at the very start, then
 * a space or nothing. Anything else (`/etc/hosts is full`) is a message.
 */
export function parseCommand(text: string): { command: SlashCommand; argument: string } | null {
  const found = /^\/([a-z]+)(?:\s+([\s\S]*))?$/u.exec(text.trim())
  const command = found && SLASH_COMMANDS.find((candidate) => candidate.name === found[1])
  return command ? { command, argument: (found[2] ?? '').trim() } : null
}

/**
 * The message a command that writes one sends: `/shrug` with its shrug,
 * `/me` as typed (see action-message.ts), or why not; null for a command
 * that does something else.
 */
export function commandMessage({
  command,
  argument,
}: NonNullable<ReturnType<typeof parseCommand>>): { text: string } | { problem: string } | null {
  if (command.name === 'shrug') return { text: argument === '' ? SHRUG : `${argument} ${SHRUG}` }
  if (command.name !== 'me') return null
  if (argument === '') return { problem: 'Say what you are doing after /me, as in /me waves' }
  return { text: `/me ${argument}` }
}

/** The `/name` being typed at the start of the composer, for the list of commands. */
export function commandAt(text: string, caret: number): TypedToken | null {
  const found = /^\/([a-z]*)$/u.exec(text.slice(0, caret))
  return found ? { start: 0, partial: found[1]! } : null
}

/** The commands that start with what was typed; none once one is typed whole, so Enter runs it. */
export function suggestCommands(partial: string): SlashCommand[] {
  if (SLASH_COMMANDS.some((command) => command.name === partial)) return []
  return SLASH_COMMANDS.filter((command) => command.name.startsWith(partial))
}
