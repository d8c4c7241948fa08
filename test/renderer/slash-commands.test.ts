import { describe, expect, it } from 'vitest'
import { formatMessage } from '../../src-renderer/src/lib/message-format'
import { commandAt, parseCommand, SHRUG, suggestCommands } from '../../src-renderer/src/lib/slash-commands'

describe('slash commands', () => {
  it('are a known /name at the start, with what follows; anything else is a message', () => {
    expect(parseCommand('/away')).toMatchObject({ command: { name: 'away' }, argument: '' })
    expect(parseCommand(' /topic  Lab 3 help ')).toMatchObject({ command: { name: 'topic' }, argument: 'Lab 3 help' })
    expect(parseCommand('/shrug\nfine')).toMatchObject({ command: { name: 'shrug' }, argument: 'fine' })
    for (const text of ['/etc/hosts is full', '/awayz', 'say /away', '/', '//away'])
      expect(parseCommand(text)).toBeNull()
  })

  it('are offered while the first word is typed', () => {
    expect(commandAt('/to', 3)).toEqual({ start: 0, partial: 'to' })
    expect(commandAt('/', 1)).toEqual({ start: 0, partial: '' })
    expect(commandAt('/topic x', 8)).toBeNull()
    expect(commandAt('a /to', 5)).toBeNull()
    expect(suggestCommands('').map((command) => command.name)).toEqual(['away', 'back', 'topic', 'shrug'])
    expect(suggestCommands('a').map((command) => command.name)).toEqual(['away'])
    expect(suggestCommands('away')).toEqual([])
  })

  it('shrug as the formatting shows it', () => {
    expect(formatMessage(`fine ${SHRUG}`)).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'fine ¯\\_(ツ)_/¯' }] },
    ])
  })
})
