import { describe, expect, it } from 'vitest'
import type { Message } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { openDm, request, sendMessage } from '../helpers/request'
import { waitForEvent, type TestClient } from '../helpers/server'

describe('passing a message on', () => {
  const t = useServerFixture()
  const forward = async (client: TestClient, roomId: string, id: number, text = ''): Promise<Message> => {
    const sent = await sendMessage(client, { roomId, text, forward: id })
    if (!('data' in sent)) throw new Error(sent.message)
    return sent.data
  }

  it('passes a copy of a message on to another room or DM, with or without words, kept as it was', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    const plan = await t.send(bob, 'the demo starts at three')
    const dm = await openDm(ann, 'Cy')

    const told = waitForEvent(cy, 'message:created', (message) => message.roomId === dm.id)
    const passed = await forward(ann, dm.id, plan.id)
    const copy = { id: plan.id, roomId: 'general', author: 'Bob', text: 'the demo starts at three', ts: plan.ts }
    expect(passed).toMatchObject({ author: 'Ann', text: '', forwarded: copy })
    expect((await told)[0]).toEqual(passed)
    const commented = await forward(ann, dm.id, plan.id, 'you asked about this')
    expect(commented).toMatchObject({ text: 'you asked about this', forwarded: copy })

    // A copy: the original edited later stays as it was where it was passed on, after a restart too.
    await request(bob, 'message:edit', { id: plan.id, text: 'the demo starts at four' })
    // Passed on again with no words of its own: the copy names where it first came from.
    expect(await forward(cy, 'general', passed.id)).toMatchObject({ forwarded: copy })
    await t.stop()
    await t.start()
    const again = await t.join('Cy')
    const page = await t.history(again, dm.id)
    expect(page.messages.map((message) => message.forwarded)).toEqual([copy, copy])

    // Deleted, the message passing it on keeps nothing of it.
    const annAgain = await t.join('Ann')
    expect(await request(annAgain, 'message:delete', { id: commented.id })).toMatchObject({
      data: { deletedAt: expect.any(Number) },
    })
    expect((await t.history(again, dm.id)).messages.at(-1)).not.toHaveProperty('forwarded')
  })

  it('refuses to pass on what the person cannot read or what was deleted, and a forward with a file or a poll', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const secret = await request(bob, 'room:create', { name: 'secret', private: true })
    if (!('data' in secret)) throw new Error(secret.message)
    const hidden = await t.send(bob, 'between me and myself', secret.data.id)
    const gone = await t.send(bob, 'oops')
    await request(bob, 'message:delete', { id: gone.id })
    const fine = await t.send(bob, 'fine to share')

    const send = (request: Parameters<typeof sendMessage>[1]) => sendMessage(ann, request)
    expect(await send({ roomId: 'general', text: '', forward: hidden.id })).toMatchObject({
      error: 'MESSAGE_NOT_FOUND',
    })
    expect(await send({ roomId: 'general', text: '', forward: 999_999 })).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })
    expect(await send({ roomId: 'general', text: '', forward: gone.id })).toEqual({
      error: 'MESSAGE_NOT_FOUND',
      message: 'This message was deleted',
    })
    expect(
      await send({ roomId: 'general', text: 'lunch?', forward: fine.id, poll: { options: ['a', 'b'] } }),
    ).toMatchObject({ error: 'INVALID_PAYLOAD' })
    // Not in the room it goes to: refused as any message there is.
    expect(await send({ roomId: secret.data.id, text: '', forward: fine.id })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    expect(await send({ roomId: 'general', text: '  ' })).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })
})
