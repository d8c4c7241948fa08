import { describe, expect, it } from 'vitest'
import { formatMessage } from '../../src-renderer/src/lib/message-format'
import {
  commandAt,
  commandMessage,
  parseCommand,
  parsePoll,
  SHRUG,
  suggestCommands,
} from '../../src-renderer/src/lib/slash-commands'
import { actionOf, readableText } from '../../src-renderer/src/lib/action-message'

describe('slash commands', () => {
  it('are a known /name at the start, with what follows; anything else is a message', () => {
    expect(parseCommand('/away')).toMatchObject({ command: { name: 'away' }, argument: '' })
    expect(parseCommand(' /topic  Lab 3 help ')).toMatchObject({ command: { name: 'topic' }, argument: 'Lab 3 help' })
    expect(parseCommand('/shrug\nfine')).toMatchObject({ command: { name: 'shrug' }, argument: 'fine' })
    expect(parseCommand('/me waves')).toMatchObject({ command: { name: 'me' }, argument: 'waves' })
    for (const text of ['/etc/hosts is full', '/awayz', 'say /away', '/', '//away', '/meow'])
      expect(parseCommand(text)).toBeNull()
  })

  it('read /poll as a question and its options between bars, or say how to ask one', () => {
    expect(parseCommand('/poll Lunch? | Pizza | Sushi')).toMatchObject({ command: { name: 'poll' } })
    expect(parsePoll(' Lunch where? |Pizza|  Sushi  | Tacos')).toEqual({
      question: 'Lunch where?',
      options: ['Pizza', 'Sushi', 'Tacos'],
    })
    const how = { error: 'Ask a question and give at least two options: /poll Lunch where? | Pizza | Sushi' }
    for (const argument of ['', 'Lunch?', 'Lunch? | Pizza', ' | Pizza | Sushi'])
      expect(parsePoll(argument)).toEqual(how)
    // Empty or repeated options are the send schema's to refuse, with its words.
    expect(parsePoll('Lunch? | Pizza | ')).toEqual({ question: 'Lunch?', options: ['Pizza', ''] })
  })

  it('are offered while the first word is typed', () => {
    expect(commandAt('/to', 3)).toEqual({ start: 0, partial: 'to' })
    expect(commandAt('/', 1)).toEqual({ start: 0, partial: '' })
    expect(commandAt('/topic x', 8)).toBeNull()
    expect(commandAt('a /to', 5)).toBeNull()
    expect(suggestCommands('').map((command) => command.name)).toEqual([
      'away',
      'back',
      'topic',
      'shrug',
      'me',
      'status',
      'poll',
    ])
    expect(suggestCommands('a').map((command) => command.name)).toEqual(['away'])
    expect(suggestCommands('away')).toEqual([])
  })

  it('shrug as the formatting shows it', () => {
    expect(formatMessage(`fine ${SHRUG}`)).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'fine ¯\\_(ツ)_/¯' }] },
    ])
  })
})

describe('/me actions', () => {
  it('are a message that starts with /me and something to say, on its first line', () => {
    expect(actionOf('/me waves')).toBe('waves')
    expect(actionOf('/me  fixes *the* printer\nat last')).toBe('fixes *the* printer\nat last')
    for (const text of ['/me', '/me ', '/meow', '/me\nwaves', ' /me waves', 'I /me waves', '/ME waves'])
      expect(actionOf(text)).toBeNull()
  })

  it('read with their author away from the message row', () => {
    expect(readableText('Ann', '/me waves')).toBe('Ann waves')
    expect(readableText('Ann', 'hello')).toBe('hello')
  })
})

describe('commands that write a message', () => {
  const written = (text: string): ReturnType<typeof commandMessage> => commandMessage(parseCommand(text)!)

  it('write out /shrug and keep /me as typed; others do something else', () => {
    expect(written('/shrug')).toEqual({ text: SHRUG })
    expect(written('/shrug fine')).toEqual({ text: `fine ${SHRUG}` })
    expect(written('/me waves')).toEqual({ text: '/me waves' })
    expect(written('/me')).toEqual({ problem: 'Say what you are doing after /me, as in /me waves' })
    expect(written('/away')).toBeNull()
    expect(written('/topic lunch')).toBeNull()
  })
})
