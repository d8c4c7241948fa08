import { describe, expect, it } from 'vitest'
import type { ParleyServerOptions } from '../../server'
import { useServerFixture } from '../helpers/fixture'
import { waitForEvent } from '../helpers/server'
import { request } from '../helpers/request'
import { useAppFixture } from './app-fixture'

describe('edits and deletions in the app, against a real server', () => {
  const t = useServerFixture()
  const app = useAppFixture()

  /** A server, Ann's app joined to it with #general loaded, and Bob on a plain client. */
  async function annAndBob(options: Partial<ParleyServerOptions> = {}) {
    await t.start(options)
    const { connection, messages } = await app.join(t.server.url)
    const bob = await t.join('Bob')
    const shown = () =>
      messages
        .timeline('general')
        .messages.map((m) => (m.deletedAt ? `(deleted)` : `${m.text}${m.editedAt ? '*' : ''}`))
    const bobSends = async (text: string) => {
      const sent = await t.send(bob, text)
      await expect.poll(shown).toContain(text)
      return sent
    }
    return { connection, messages, bob, shown, bobSends }
  }

  it('edits and deletes one’s own messages for everyone, and shows others’ edits and deletions', async () => {
    const { messages, bob, shown, bobSends } = await annAndBob()
    await expect(messages.send('general', 'helo')).resolves.toBeNull()
    const own = messages.timeline('general').messages[0]!
    const seen = waitForEvent(bob, 'message:updated')
    await expect(messages.edit(own.id, 'hello')).resolves.toBeNull()
    expect(shown()).toEqual(['hello*'])
    expect((await seen)[0]).toMatchObject({ id: own.id, text: 'hello', author: 'Ann' })

    const his = await bobSends('typo')
    await request(bob, 'message:edit', { id: his.id, text: 'fixed' })
    await expect.poll(shown).toEqual(['hello*', 'fixed*'])
    await request(bob, 'message:delete', { id: his.id })
    await expect.poll(shown).toEqual(['hello*', '(deleted)'])

    // Someone else's message, and an empty edit, are refused and change nothing.
    await expect(messages.edit(his.id, 'mine now')).resolves.toMatchObject({ error: 'FORBIDDEN' })
    await expect(messages.edit(own.id, '  ')).resolves.toMatchObject({ error: 'INVALID_PAYLOAD' })
    await expect(messages.remove(own.id)).resolves.toBeNull()
    expect(shown()).toEqual(['(deleted)', '(deleted)'])
  })

  it('catches up on edits and deletions it missed while away, when the replay leaves them out', async () => {
    const { connection, bob, shown, bobSends } = await annAndBob()
    const first = await bobSends('one')
    const second = await bobSends('two')

    const ann = [...t.server.io.of('/').sockets.values()].find((socket) => socket.data.name === 'Ann')!
    ann.conn.close()
    await expect.poll(() => connection.status).not.toBe('connected')
    await request(bob, 'message:edit', { id: first.id, text: 'one, edited' })
    await request(bob, 'message:delete', { id: second.id })
    // The replay Ann gets on recovery holds neither change.
    const adapter = t.server.io.of('/').adapter as unknown as { packets: Array<{ data: unknown[] }> }
    adapter.packets = adapter.packets.filter((packet) => packet.data[0] !== 'message:updated')
    await expect.poll(() => connection.recovered, { timeout: 15_000 }).toBe(true)

    await expect.poll(shown, { timeout: 10_000 }).toEqual(['one, edited*', '(deleted)'])
  })

  it('catches up on edits made while the server restarted', async () => {
    const { connection, messages, bobSends } = await annAndBob()
    const first = await bobSends('before')
    const port = t.server.port
    await t.stop()
    await expect.poll(() => connection.status, { timeout: 10_000 }).toBe('reconnecting')

    await t.start({ port })
    const bob = await t.join('Bob')
    await request(bob, 'message:edit', { id: first.id, text: 'after' })

    await expect
      .poll(() => messages.timeline('general').messages.map((m) => m.text), { timeout: 20_000 })
      .toEqual(['after'])
  })

  it('saves an edit and a reaction made while the server was down, once it is back', async () => {
    const { connection, messages, bobSends } = await annAndBob()
    await expect(messages.send('general', 'helo')).resolves.toBeNull()
    const his = await bobSends('hi')
    const own = messages.timeline('general').messages[0]!
    const port = t.server.port
    await t.stop()
    await expect.poll(() => connection.status, { timeout: 10_000 }).toBe('reconnecting')

    const editing = messages.edit(own.id, 'hello')
    const reacting = messages.react(his.id, '👍', true)
    await t.start({ port })
    await expect(editing).resolves.toBeNull()
    await expect(reacting).resolves.toBeNull()
    const page = await t.history(await t.join('Cy'))
    expect(page.messages.map((m) => [m.text, m.reactions?.length ?? 0])).toEqual([
      ['hello', 0],
      ['hi', 1],
    ])
  })

  it('waits out a rate limit on changes and sends them again', async () => {
    const { messages, bobSends } = await annAndBob({ rateLimits: { sendsPerSecond: 1 } })
    const his = await bobSends('vote')
    // Two changes in the same second: the second is refused at first, then goes through.
    const results = await Promise.all([messages.react(his.id, '👍', true), messages.react(his.id, '🎉', true)])
    expect(results).toEqual([null, null])
    expect(
      messages
        .timeline('general')
        .messages[0]!.reactions?.map((r) => r.emoji)
        .sort(),
    ).toEqual(['🎉', '👍'])
  })

  it('keeps the latest edit when a batch brings the message’s earlier state after it', async () => {
    // A large room (three connections) and a long window: the message and
    // Ann's edits reach her in the acks first, then in the batch.
    const { connection, messages, shown } = await annAndBob({
      fanout: { minConnections: 3, windowMs: 500, presenceWindowMs: 500 },
    })
    await t.join('Cy')
    await expect(messages.send('general', 'opens the burst')).resolves.toBeNull()
    await expect(messages.send('general', 'draft')).resolves.toBeNull()
    const draft = messages.timeline('general').messages[1]!
    // Listening after the store, so this runs once the store has taken the batch in.
    const batch = new Promise<string[]>((resolve) =>
      connection.on('message:batch', (got) => resolve(got.map((m) => m.text))),
    )
    await expect(messages.edit(draft.id, 'final')).resolves.toBeNull()
    expect(shown()).toEqual(['opens the burst', 'final*'])
    expect(await batch).toContain('draft')
    expect(shown()).toEqual(['opens the burst', 'final*'])
  })

  it('reacts and takes reactions back, and shows others’ as they come, after a drop too', async () => {
    const { connection, messages, bob, bobSends } = await annAndBob()
    const his = await bobSends('release is out')
    const reactions = () => messages.timeline('general').messages[0]!.reactions
    await expect(messages.react(his.id, '🎉', true)).resolves.toBeNull()
    expect(reactions()).toEqual([{ emoji: '🎉', names: ['Ann'] }])
    await request(bob, 'message:react', { id: his.id, emoji: '🎉', on: true })
    await expect.poll(reactions).toEqual([{ emoji: '🎉', names: ['Ann', 'Bob'] }])
    await expect(messages.react(his.id, '🎉', false)).resolves.toBeNull()
    expect(reactions()).toEqual([{ emoji: '🎉', names: ['Bob'] }])
    await expect(messages.react(his.id, 'nope', true)).resolves.toMatchObject({ error: 'INVALID_PAYLOAD' })

    // Given while Ann's connection was down, and left out of the replay: caught up like an edit.
    // (The last packet Ann had must stay in the replay buffer, or recovery cannot find her place.)
    await bobSends('before the drop')
    const ann = [...t.server.io.of('/').sockets.values()].find((socket) => socket.data.name === 'Ann')!
    ann.conn.close()
    await expect.poll(() => connection.status).not.toBe('connected')
    await request(bob, 'message:react', { id: his.id, emoji: '👍', on: true })
    const adapter = t.server.io.of('/').adapter as unknown as { packets: Array<{ data: unknown[] }> }
    adapter.packets = adapter.packets.filter((packet) => packet.data[0] !== 'message:deltas')
    await expect.poll(() => connection.recovered, { timeout: 15_000 }).toBe(true)
    await expect.poll(reactions, { timeout: 10_000 }).toEqual([
      { emoji: '🎉', names: ['Bob'] },
      { emoji: '👍', names: ['Bob'] },
    ])
  })
})
