import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol'
import type { ParleyServer } from '../../server'
import { joinAs, makeDataDir, startServer, waitForEvent, type TestClient } from '../helpers/server'
import { request } from '../helpers/request'

describe('invalid payloads', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  let ann: TestClient
  let bob: TestClient
  const errors: unknown[] = []

  beforeEach(async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir, onError: (error) => errors.push(error) })
    ann = (await joinAs(server.url, 'ann')).client
    bob = (await joinAs(server.url, 'bob')).client
  })
  afterEach(async () => {
    ann.disconnect()
    bob.disconnect()
    await server.close()
    data.remove()
  })

  const cases: Array<[string, unknown, RegExp]> = [
    ['message:send', null, /^Invalid input/],
    ['message:send', 'hello', /^Invalid input/],
    ['message:send', { roomId: 'general' }, /^text: /],
    ['message:send', { roomId: 'general', text: 42 }, /^text: /],
    ['message:send', { roomId: 'general', text: '   ' }, /^text: Message must not be empty$/],
    [
      'message:send',
      { roomId: 'general', text: 'x'.repeat(LIMITS.messageMaxLength + 1) },
      /^text: Message must be at most 4000 characters$/,
    ],
    ['message:send', { roomId: 'general', text: 'hi', admin: true }, /admin/],
    ['message:send', { roomId: ['general'], text: 'hi' }, /^roomId: /],
    ['message:history', { roomId: 'general', before: -1 }, /^before: /],
    ['message:history', { roomId: 'general', limit: 'all' }, /^limit: /],
    ['room:create', { name: 'Has Spaces' }, /^name: Room name may hold only/],
    ['room:create', { name: '../etc' }, /^name: /],
    ['room:join', {}, /^roomId: /],
    ['dm:open', { name: '' }, /^name: /],
    ['typing:set', { roomId: 'general', typing: 'yes' }, /^typing: /],
  ]

  it.each(cases)(
    '%s with %j gets INVALID_PAYLOAD, stores nothing, keeps the connection',
    async (event, payload, message) => {
      const result = await request(ann, event as 'message:send', payload as never)
      expect(result).toEqual({ error: 'INVALID_PAYLOAD', message: expect.stringMatching(message) })
      const page = await request(ann, 'message:history', { roomId: 'general' })
      expect(page).toEqual({ data: { messages: [], hasMore: false, rev: 0 } })
      expect(ann.connected).toBe(true)
      expect(errors).toEqual([])
    },
  )

  it('survives a request without an ack, an unknown event and a bare string, and keeps serving others', async () => {
    const raw = ann as unknown as { emit: (...args: unknown[]) => void }
    raw.emit('message:send', { roomId: 'general', text: 42 })
    raw.emit('no:such-event', { x: 1 })
    raw.emit('message:send')
    raw.emit('session:join', 'again', () => {})
    const delivered = waitForEvent(ann, 'message:created')
    const sent = await request(bob, 'message:send', { roomId: 'general', text: 'still here' })
    expect(sent).toMatchObject({ data: { text: 'still here' } })
    expect((await delivered)[0].text).toBe('still here')
    expect(errors).toEqual([])
  })

  it('answers a request that has only an ack as one without a payload', async () => {
    const timed = ann.timeout(10_000) as unknown as { emitWithAck: (event: string) => Promise<unknown> }
    const answer = await timed.emitWithAck('message:send')
    // Not the ack itself read as the payload ("received function").
    expect(answer).toEqual({ error: 'INVALID_PAYLOAD', message: 'Invalid input: expected object, received undefined' })
  })
})
