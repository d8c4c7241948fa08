import { afterEach, describe, expect, it } from 'vitest'
import { withDelta, type Message, type MessageDelta, type TypingEvent } from '../../protocol'
import type { ParleyServer } from '../../server'
import type { FanoutOptions } from '../../server/messages/message-fanout'
import { joinAs, makeDataDir, startServer, waitUntil, type TestClient } from '../helpers/server'
import { request, sendMessage } from '../helpers/request'

/** Every packet of new messages a client receives, as the texts each carried. */
function packetsOf(client: TestClient): Array<{ event: string; texts: string[] }> {
  const packets: Array<{ event: string; texts: string[] }> = []
  client.on('message:created', (message: Message) => packets.push({ event: 'created', texts: [message.text] }))
  client.on('message:batch', (messages: Message[]) =>
    packets.push({ event: 'batch', texts: messages.map((message) => message.text) }),
  )
  return packets
}

describe('fan-out to large rooms', () => {
  let server: ParleyServer | undefined
  let data: ReturnType<typeof makeDataDir>
  const clients: TestClient[] = []
  const join = async (name: string) => {
    const { client } = await joinAs(server!.url, name)
    clients.push(client)
    return client
  }
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await server?.close()
    data.remove()
  })
  const start = async (fanout: Partial<FanoutOptions>) => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir, fanout })
  }

  /** Sends `texts` back to back, without waiting for acks, and resolves when all are stored. */
  const burst = (client: TestClient, texts: string[]) =>
    Promise.all(texts.map((text) => sendMessage(client, { roomId: 'general', text })))

  it('sends the first message of a burst at once and the rest together, in order, to everyone', async () => {
    // A window far longer than the burst takes, so the test does not race it.
    await start({ minConnections: 3, windowMs: 1000, presenceWindowMs: 1000 })
    const ann = await join('ann')
    const bob = await join('bob')
    const cat = await join('cat')
    const [bobGot, catGot, annGot] = [packetsOf(bob), packetsOf(cat), packetsOf(ann)]
    const texts = ['one', 'two', 'three', 'four', 'five']
    const acks = await burst(ann, texts)
    expect(acks.every((ack) => 'data' in ack)).toBe(true)

    for (const got of [bobGot, catGot]) {
      await waitUntil(() => got.flatMap((packet) => packet.texts).length === texts.length, 10_000, 'the burst')
      expect(got.flatMap((packet) => packet.texts)).toEqual(texts)
      expect(got[0]).toEqual({ event: 'created', texts: ['one'] })
      expect(got.slice(1).every((packet) => packet.event === 'batch')).toBe(true)
      expect(got.length).toBeLessThan(texts.length)
    }
    // The sender gets its own messages in the acks, and again in the batch: merged by id.
    await waitUntil(() => annGot.length > 0, 10_000, 'the batch at the sender')
    expect(annGot.flatMap((packet) => packet.texts)).toEqual(texts.slice(1))
  })

  it('puts an edit made during a burst into the batch, after the message it changes', async () => {
    await start({ minConnections: 3, windowMs: 1000, presenceWindowMs: 1000 })
    const ann = await join('ann')
    const bob = await join('bob')
    await join('cat')
    const bobGot = packetsOf(bob)
    let updates = 0
    bob.on('message:updated', () => updates++)
    const [, second] = await burst(ann, ['one', 'two'])
    if (!second || !('data' in second)) throw new Error('not stored')
    await request(ann, 'message:edit', { id: second.data.id, text: 'two, edited' })
    await waitUntil(() => bobGot.length === 2, 10_000, 'the batch')
    expect(bobGot).toEqual([
      { event: 'created', texts: ['one'] },
      { event: 'batch', texts: ['two', 'two, edited'] },
    ])
    expect(updates).toBe(0)
  })

  it('sends a crowd’s reactions and votes as who gave what, the first at once and the rest together after the batch', async () => {
    await start({ minConnections: 3, windowMs: 1000, presenceWindowMs: 1000 })
    const ann = await join('ann')
    const bob = await join('bob')
    // Asked while the room is small, so no burst is gathering when the crowd comes.
    const asked = await sendMessage(ann, { roomId: 'general', text: 'Lunch?', poll: { options: ['Pizza', 'Sushi'] } })
    if (!('data' in asked)) throw new Error(asked.message)
    const { id } = asked.data
    const cat = await join('cat')
    const dan = await join('dan')
    const danGot: Array<[string, Array<Message | MessageDelta>]> = []
    dan.on('message:deltas', (deltas) => danGot.push(['deltas', deltas]))
    dan.on('message:batch', (messages) => danGot.push(['batch', messages]))
    dan.on('message:updated', (message) => danGot.push(['updated', [message]]))
    await request(bob, 'message:react', { id, emoji: '👍', on: true })
    await request(cat, 'message:react', { id, emoji: '👍', on: true })
    await request(bob, 'message:vote', { id, option: 1 })
    await request(ann, 'message:edit', { id, text: 'Lunch at noon?' })
    await request(cat, 'message:vote', { id, option: 0 })
    await waitUntil(() => danGot.length === 3, 10_000, 'the burst')
    const said = (item: Message | MessageDelta) => ('kind' in item ? `${item.kind} ${item.name}` : item.text)
    expect(danGot.map(([event, items]) => [event, items.map(said)])).toEqual([
      ['deltas', ['reaction bob']],
      ['batch', ['Lunch at noon?']],
      ['deltas', ['reaction cat', 'vote bob', 'vote cat']],
    ])
    // Applied as the app applies them, they give the message as stored: a delta older than the whole copy is no news.
    let shown = asked.data
    for (const [, items] of danGot) {
      for (const item of items) {
        if ('kind' in item) shown = withDelta(shown, item) ?? shown
        else if (item.rev! >= (shown.rev ?? 0)) shown = item
      }
    }
    const page = await request(dan, 'message:history', { roomId: 'general' })
    if (!('data' in page)) throw new Error(page.message)
    expect(shown).toEqual(page.data.messages.at(-1))
    expect(shown.reactions).toEqual([{ emoji: '👍', names: ['bob', 'cat'] }])
    expect(shown.poll?.options.map((option) => option.voters)).toEqual([['cat'], ['bob']])
  })

  it('sends a crowd’s typing as each name’s latest state, the first at once and the rest together', async () => {
    await start({ minConnections: 3, windowMs: 1000, presenceWindowMs: 1000 })
    const [ann, bob, cat, dan] = await Promise.all(['ann', 'bob', 'cat', 'dan'].map(join))
    const danGot: string[][] = []
    const said = ({ name, typing }: TypingEvent) => `${name} ${typing ? 'types' : 'stops'}`
    dan!.on('typing:changed', (event) => danGot.push([said(event)]))
    dan!.on('typing:batch', (events) => danGot.push(events.map(said)))
    const type = (client: TestClient, typing: boolean) => request(client, 'typing:set', { roomId: 'general', typing })
    await type(ann!, true)
    await type(bob!, true)
    await type(cat!, true)
    await type(bob!, false)
    await waitUntil(() => danGot.length === 2, 10_000, 'the batch')
    expect(danGot).toEqual([['ann types'], ['bob stops', 'cat types']])
  })

  it('sends every message at once in rooms smaller than the threshold', async () => {
    await start({ minConnections: 3, windowMs: 1000, presenceWindowMs: 1000 })
    const ann = await join('ann')
    const bob = await join('bob')
    const bobGot = packetsOf(bob)
    const texts = ['one', 'two', 'three']
    await burst(ann, texts)
    await waitUntil(() => bobGot.length === texts.length, 10_000, 'three messages')
    expect(bobGot).toEqual(texts.map((text) => ({ event: 'created', texts: [text] })))
  })

  it('sends a gathered burst before it shuts down', async () => {
    await start({ minConnections: 2, windowMs: 60_000, presenceWindowMs: 60_000 })
    const ann = await join('ann')
    const bob = await join('bob')
    const bobGot = packetsOf(bob)
    await burst(ann, ['one', 'two', 'three'])
    expect(bobGot.flatMap((packet) => packet.texts)).not.toContain('three')
    const closed = server!.close()
    await waitUntil(() => bobGot.flatMap((packet) => packet.texts).includes('three'), 10_000, 'the rest')
    expect(bobGot.flatMap((packet) => packet.texts)).toEqual(['one', 'two', 'three'])
    await closed
  })

  it('sends a burst of presence changes on a large server as one batch of each name’s latest state', async () => {
    await start({ minConnections: 3, windowMs: 1000, presenceWindowMs: 1000 })
    const ann = await join('ann')
    await join('bob')
    await join('cat')
    // What Ann's app would show: the members in her ack, then every presence event applied.
    const online = new Set(['ann', 'bob', 'cat'])
    const packets: string[] = []
    ann.on('presence:joined', ({ name }) => (packets.push('joined'), online.add(name)))
    ann.on('presence:left', ({ name }) => (packets.push('left'), online.delete(name)))
    ann.on('presence:batch', (changes) => {
      packets.push('batch')
      for (const member of changes.online) online.add(member.name)
      for (const name of changes.left) online.delete(name)
    })
    const dan = await join('dan')
    const [eve] = await Promise.all([join('eve'), join('fay'), join('gus')])
    eve.disconnect()

    await waitUntil(() => online.size === 6 && packets.includes('batch'), 10_000, 'the batch')
    expect([...online].sort()).toEqual(['ann', 'bob', 'cat', 'dan', 'fay', 'gus'])
    // Five changes (four joins, one leaving) in fewer packets: at most one at once, the rest together.
    expect(packets.length).toBeLessThanOrEqual(2)
    expect(packets.at(-1)).toBe('batch')
    expect(dan.connected).toBe(true)
  })
})
