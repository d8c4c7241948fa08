import { describe, expect, it } from 'vitest'
import { withDelta, type Message, type MessageDelta } from '../../protocol'

describe('withDelta', () => {
  const message: Message = {
    id: 7,
    clientId: null,
    roomId: 'general',
    author: 'Ann',
    text: 'Lunch?',
    ts: 0,
    rev: 3,
    reactions: [{ emoji: '👍', names: ['Bob'] }],
    poll: {
      options: [
        { text: 'Pizza', voters: ['Bob'] },
        { text: 'Sushi', voters: [] },
      ],
    },
  }
  const reaction = (name: string, on: boolean, rev: number): MessageDelta => ({
    kind: 'reaction',
    id: 7,
    roomId: 'general',
    rev,
    name,
    emoji: '👍',
    on,
  })

  it('gives someone’s reaction or vote, at the delta’s change number', () => {
    expect(withDelta(message, reaction('Cy', true, 4))).toEqual({
      ...message,
      rev: 4,
      reactions: [{ emoji: '👍', names: ['Bob', 'Cy'] }],
    })
    // The last one taken back: a message without reactions carries none, as the server sends it.
    expect(withDelta(message, reaction('bob', false, 4))).not.toHaveProperty('reactions')
    const moved = withDelta(message, { kind: 'vote', id: 7, roomId: 'general', rev: 5, name: 'BOB', option: 1 })
    expect(moved?.poll?.options.map((option) => option.voters)).toEqual([[], ['BOB']])
    expect(moved?.rev).toBe(5)
  })

  it('is no news to a copy at that change or later, or to a deleted message', () => {
    expect(withDelta(message, reaction('Cy', true, 3))).toBeNull()
    expect(withDelta(message, reaction('Bob', false, 2))).toBeNull()
    expect(withDelta({ ...message, rev: 9, deletedAt: 1, text: '' }, reaction('Cy', true, 10))).toBeNull()
  })
})
