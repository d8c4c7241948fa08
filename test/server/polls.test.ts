import { describe, expect, it } from 'vitest'
import { withDelta, type Message } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { openDm, request, sendMessage } from '../helpers/request'
import { waitForEvent, type TestClient } from '../helpers/server'

describe('polls', () => {
  const t = useServerFixture()

  async function ask(client: TestClient, text: string, options: string[], roomId = 'general'): Promise<Message> {
    const sent = await sendMessage(client, { roomId, text, poll: { options } })
    if (!('data' in sent)) throw new Error(sent.message)
    return sent.data
  }

  async function vote(client: TestClient, id: number, option: number | null): Promise<Message> {
    const voted = await request(client, 'message:vote', { id, option })
    if (!('data' in voted)) throw new Error(voted.message)
    return voted.data
  }

  const tally = (message: Message): Record<string, string[]> =>
    Object.fromEntries(message.poll!.options.map((option) => [option.text, option.voters]))

  it('takes one vote per person, moved or taken back, live for everyone and kept across a restart', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const cy = await t.join('cy')
    const heard = waitForEvent(bob, 'message:created', (message) => message.poll !== undefined)
    const poll = await ask(ann, 'Lunch where?', ['Pizza', ' Sushi ', 'Tacos'])
    expect(poll.poll).toEqual({
      options: [
        { text: 'Pizza', voters: [] },
        { text: 'Sushi', voters: [] },
        { text: 'Tacos', voters: [] },
      ],
    })
    expect((await heard)[0]).toEqual(poll)

    const seen = waitForEvent(ann, 'message:deltas', ([delta]) => delta?.id === poll.id)
    const first = await vote(bob, poll.id, 1)
    expect(tally(first)).toEqual({ Pizza: [], Sushi: ['Bob'], Tacos: [] })
    // The room gets who voted for what, not every voter's name again.
    const [delta] = (await seen)[0]
    expect(delta).toEqual({ kind: 'vote', id: poll.id, roomId: 'general', rev: first.rev, name: 'Bob', option: 1 })
    expect(withDelta(poll, delta!)).toEqual(first)
    // Asking again changes nothing: the same change number.
    expect((await vote(bob, poll.id, 1)).rev).toBe(first.rev)
    expect(tally(await vote(bob, poll.id, 0))).toEqual({ Pizza: ['Bob'], Sushi: [], Tacos: [] })
    expect(tally(await vote(cy, poll.id, 0))).toEqual({ Pizza: ['Bob', 'cy'], Sushi: [], Tacos: [] })
    const last = await vote(bob, poll.id, null)
    expect(tally(last)).toEqual({ Pizza: ['cy'], Sushi: [], Tacos: [] })

    await t.stop()
    await t.start()
    const annAgain = await t.join('Ann')
    expect((await t.history(annAgain)).messages.find((message) => message.id === poll.id)).toEqual(last)
    expect(tally(await vote(annAgain, poll.id, 2))).toEqual({ Pizza: ['cy'], Sushi: [], Tacos: ['Ann'] })
  })

  it('is closed by its author alone: the votes stand, and no more are taken', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const poll = await ask(ann, 'Tea or coffee?', ['Tea', 'Coffee'])
    await vote(bob, poll.id, 1)
    expect(await request(bob, 'message:close-poll', { id: poll.id })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only its author can change a message',
    })
    const seen = waitForEvent(bob, 'message:updated', (message) => message.poll?.closed === true)
    const closed = await request(ann, 'message:close-poll', { id: poll.id })
    if (!('data' in closed)) throw new Error(closed.message)
    expect(closed.data.poll).toEqual({
      options: [
        { text: 'Tea', voters: [] },
        { text: 'Coffee', voters: ['Bob'] },
      ],
      closed: true,
    })
    expect((await seen)[0]).toEqual(closed.data)
    // Asking again changes nothing; a vote, moved or taken back, is refused.
    expect(await request(ann, 'message:close-poll', { id: poll.id })).toEqual(closed)
    for (const option of [0, null]) {
      expect(await request(bob, 'message:vote', { id: poll.id, option })).toEqual({
        error: 'FORBIDDEN',
        message: 'This poll is closed',
      })
    }
    const plain = await t.send(ann, 'not a poll')
    expect(await request(ann, 'message:close-poll', { id: plain.id })).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })

  it('refuses a poll without two different options, with a file, or a vote it cannot count', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const eve = await t.join('Eve')
    const refused = async (poll: { options: string[] }, text = 'Which?') =>
      request(ann, 'message:send', { roomId: 'general', text, poll })
    expect(await refused({ options: ['Only one'] })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'poll.options: A poll needs at least 2 options',
    })
    expect(await refused({ options: ['Tea', 'tea'] })).toMatchObject({ message: expect.stringMatching(/different/) })
    expect(await refused({ options: ['Tea', '  '] })).toMatchObject({ message: expect.stringMatching(/empty/) })
    expect(await refused({ options: Array.from({ length: 11 }, (_, n) => `option ${n}`) })).toMatchObject({
      message: expect.stringMatching(/at most 10/),
    })
    expect(await refused({ options: ['Tea', 'Coffee'] }, ' ')).toMatchObject({ error: 'INVALID_PAYLOAD' })

    const plain = await t.send(ann, 'not a poll')
    expect(await request(bob, 'message:vote', { id: plain.id, option: 0 })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'This message is not a poll',
    })
    const poll = await ask(ann, 'Tea or coffee?', ['Tea', 'Coffee'])
    expect(await request(bob, 'message:vote', { id: poll.id, option: 2 })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'This poll has 2 options',
    })
    // A poll in a DM is for its two people only.
    const dm = await openDm(ann, 'Bob')
    const ours = await ask(ann, 'Just us?', ['Yes', 'No'], dm.id)
    expect(await request(eve, 'message:vote', { id: ours.id, option: 0 })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })
    expect(tally(await vote(bob, ours.id, 0))).toEqual({ Yes: ['Bob'], No: [] })
    // Deleted, the poll and its votes go with it.
    const deleted = await request(ann, 'message:delete', { id: poll.id })
    expect(deleted).toMatchObject({ data: { text: '' } })
    expect('data' in deleted && deleted.data.poll).toBeUndefined()
    expect(await request(bob, 'message:vote', { id: poll.id, option: 0 })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })
  })
})
