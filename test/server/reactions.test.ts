import { describe, expect, it } from 'vitest'
import { LIMITS, withDelta, type Message } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { waitForEvent, type TestClient } from '../helpers/server'
import { request, openDm } from '../helpers/request'

describe('reactions', () => {
  const t = useServerFixture()
  const { join, send } = t
  const react = async (client: TestClient, id: number, emoji: string, on = true): Promise<Message> => {
    const result = await request(client, 'message:react', { id, emoji, on })
    if (!('data' in result)) throw new Error(result.message)
    return result.data
  }
  const history = async (client: TestClient): Promise<Message[]> => (await t.history(client)).messages

  it('adds and removes reactions for everyone, each name once per emoji, in history too', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const sent = await send(ann, 'release is out')
    const seen = waitForEvent(ann, 'message:deltas')
    const liked = await react(bob, sent.id, '🎉')
    expect(liked).toEqual({ ...sent, reactions: [{ emoji: '🎉', names: ['bob'] }], rev: 1 })
    // The room gets who reacted with what, not the whole message: a popular one would carry every name each time.
    const [delta] = (await seen)[0]
    expect(delta).toEqual({
      kind: 'reaction',
      id: sent.id,
      roomId: 'general',
      rev: 1,
      name: 'bob',
      emoji: '🎉',
      on: true,
    })
    expect(withDelta(sent, delta!)).toEqual(liked)

    await react(ann, sent.id, '🎉')
    await react(ann, sent.id, '👍')
    // Again: nothing changes, and no new change number is taken.
    const again = await react(ann, sent.id, '👍')
    expect(again.reactions).toEqual([
      { emoji: '🎉', names: ['bob', 'ann'] },
      { emoji: '👍', names: ['ann'] },
    ])
    expect(again.rev).toBe(3)
    expect((await history(bob))[0]).toEqual(again)

    const undone = await react(bob, sent.id, '🎉', false)
    expect(undone.reactions).toEqual([
      { emoji: '🎉', names: ['ann'] },
      { emoji: '👍', names: ['ann'] },
    ])
    await react(ann, sent.id, '🎉', false)
    const last = await react(ann, sent.id, '👍', false)
    // None left: a message without reactions carries none.
    expect(last).not.toHaveProperty('reactions')
    expect(last.rev).toBe(6)
  })

  it('is caught up on like edits, and a deleted message loses its reactions and takes no more', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const sent = await send(ann, 'lunch?')
    await react(bob, sent.id, '👍')
    const changes = await request(ann, 'message:changes', { roomId: 'general', after: 0 })
    expect(changes).toMatchObject({ data: { messages: [{ id: sent.id, reactions: [{ emoji: '👍' }] }], rev: 1 } })

    await request(ann, 'message:delete', { id: sent.id })
    expect((await history(bob))[0]).not.toHaveProperty('reactions')
    expect(await request(bob, 'message:react', { id: sent.id, emoji: '👍', on: true })).toEqual({
      error: 'MESSAGE_NOT_FOUND',
      message: 'This message was deleted',
    })
  })

  it('counts an emoji given with and without its variation selector as one reaction', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const sent = await send(ann, 'vote')
    // 👍 as one picker writes it (with U+FE0F) and as another does (without); ❤ as typed bare, and as ❤️.
    await react(bob, sent.id, '👍\uFE0F')
    await react(ann, sent.id, '👍')
    await react(bob, sent.id, '\u2764')
    expect((await react(ann, sent.id, '\u2764\uFE0F')).reactions).toEqual([
      { emoji: '👍', names: ['bob', 'ann'] },
      { emoji: '\u2764\uFE0F', names: ['bob', 'ann'] },
    ])
    // Taken back in either spelling.
    expect((await react(bob, sent.id, '👍', false)).reactions![0]).toEqual({ emoji: '👍', names: ['ann'] })
    // A keycap, and ℹ️, a letter that is also an emoji.
    expect((await react(bob, sent.id, '1\u20E3')).reactions![2]).toEqual({ emoji: '1\uFE0F\u20E3', names: ['bob'] })
    expect((await react(bob, sent.id, 'ℹ️')).reactions![3]).toEqual({ emoji: 'ℹ️', names: ['bob'] })
  })

  it('refuses what is not an emoji, too many different ones, and messages the person cannot read', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    await join('cy')
    const sent = await send(ann, 'vote')
    for (const emoji of ['', 'a', 'lol', '1', '<b>', '👍'.repeat(9)]) {
      expect(await request(bob, 'message:react', { id: sent.id, emoji, on: true })).toMatchObject({
        error: 'INVALID_PAYLOAD',
      })
    }
    // Flags, skin tones and joined sequences are single emoji.
    for (const emoji of ['🇫🇷', '👍🏽', '👩‍💻', '❤️']) await react(bob, sent.id, emoji)

    const many = ['😀', '😃', '😄', '😁', '😆', '😅', '🤣', '😂', '🙂', '🙃', '😉', '😊', '😇', '🥰', '😍', '🤩']
    for (const emoji of many.slice(0, LIMITS.reactionsPerMessageMax - 4)) await react(ann, sent.id, emoji)
    expect(await request(ann, 'message:react', { id: sent.id, emoji: '🤔', on: true })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: `A message holds at most ${LIMITS.reactionsPerMessageMax} different reactions`,
    })
    // One already there can still be added to.
    expect((await react(ann, sent.id, '🇫🇷')).reactions![0]).toEqual({ emoji: '🇫🇷', names: ['bob', 'ann'] })

    const dm = await openDm(ann, 'cy')
    const secret = await send(ann, 'just us', dm.id)
    expect(await request(bob, 'message:react', { id: secret.id, emoji: '👍', on: true })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })
  })
})
