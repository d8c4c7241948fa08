import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { WebSocket } from 'ws'
import { io, type Socket } from 'socket.io-client'
import {
  ERROR_CODES,
  LIMITS,
  PROBE_NAMESPACE,
  type ProbeClientToServerEvents,
  type ProbeServerToClientEvents,
  type RequestEvent,
} from '../../protocol'
import type { ParleyServer } from '../../server'
import { joinAs, makeDataDir, startServer, type TestClient } from '../helpers/server'
import { request } from '../helpers/request'

/** Malformed Engine.IO and Socket.IO packets, as a hostile or broken peer sends them. */
const CORPUS = [
  '',
  'garbage',
  '4',
  '42',
  '42["message:send"',
  '42[1,2,3]',
  '42{"not":"an array"}',
  '42["message:send",{"roomId":"general","text":"x"},{"__proto__":{"admin":true}}]',
  '42["__proto__",{}]',
  '42["constructor",{}]',
  '451-["message:send",{"_placeholder":true,"num":0}]',
  '4999999-["message:send"]',
  '45abc-["x"]',
  '40/nowhere,',
  '43999["late ack"]',
  '49',
  '\u001e\u001e\u001e',
  'bAAAA',
  '6',
  '1',
  '2probe',
  `42["message:send",{"roomId":"general","text":"${'\\u0000'.repeat(200)}"}]`,
  '42["message:send",{"roomId":"general","text":"' + '{'.repeat(5000) + '"}]',
  JSON.stringify(['x'.repeat(10)]).repeat(100),
]

async function pollingSession(url: string): Promise<string> {
  const text = await (await fetch(`${url}/socket.io/?EIO=4&transport=polling`)).text()
  return (JSON.parse(text.slice(1)) as { sid: string }).sid
}

describe('hostile traffic', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  const errors: unknown[] = []
  const clients: TestClient[] = []

  beforeEach(async () => {
    errors.length = 0
    data = makeDataDir()
    server = await startServer({
      dataDir: data.dir,
      onError: (error) => errors.push(error),
      rateLimits: { requestsPerSecond: 100_000, sendsPerSecond: 100_000 },
    })
  })
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await server.close()
    data.remove()
  })

  async function stillChats(): Promise<void> {
    const { client: ann } = await joinAs(server.url, `Ann${clients.length}`)
    const { client: bob } = await joinAs(server.url, `Bob${clients.length}`)
    clients.push(ann, bob)
    const received = new Promise<string>((resolve) => bob.once('message:created', (m) => resolve(m.text)))
    expect(await request(ann, 'message:send', { roomId: 'general', text: 'still here' })).toMatchObject({ data: {} })
    expect(await received).toBe('still here')
  }

  it('survives a corpus of malformed packets over long-polling, and others keep chatting', async () => {
    const statuses: number[] = []
    for (const body of CORPUS) {
      const sid = await pollingSession(server.url)
      await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: '40' })
      const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
        method: 'POST',
        body,
      })
      statuses.push(response.status)
    }
    for (const query of [
      'EIO=3&transport=polling',
      'EIO=x&transport=polling',
      'EIO=4&transport=carrier-pigeon',
      'EIO=4&transport=polling&sid=nope',
    ]) {
      const response = await fetch(`${server.url}/socket.io/?${query}`)
      expect(response.status).toBe(400)
    }
    const oversize = await fetch(
      `${server.url}/socket.io/?EIO=4&transport=polling&sid=${await pollingSession(server.url)}`,
      {
        method: 'POST',
        body: `42["message:send",{"roomId":"general","text":"${'x'.repeat(LIMITS.maxPacketBytes)}"}]`,
      },
    )
    expect(oversize.status).toBe(413)
    expect(statuses.every((status) => status === 200 || status === 400)).toBe(true)
    await stillChats()
    expect(errors).toEqual([])
  })

  it('survives the same corpus, oversize frames and too many attachments over a raw WebSocket', async () => {
    for (const frame of [...CORPUS, 'x'.repeat(LIMITS.maxPacketBytes + 10)]) {
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`)
      socket.on('error', () => {})
      await new Promise<void>((resolve) => socket.once('open', () => resolve()))
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      socket.send('40')
      socket.send(frame)
      socket.send(Buffer.from([0xff, 0x00, 0x13]))
      socket.close()
      await closed
    }
    await stillChats()
    expect(errors).toEqual([])
  })

  it('keeps serving while a peer trickles a half-sent request', async () => {
    const slow = connect(server.port, '127.0.0.1')
    slow.on('error', () => {})
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()))
    slow.write('POST /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n')
    await stillChats()
    slow.destroy()
  })

  it('answers every request event with {data} or {error, message} for any payload at all', async () => {
    const { client } = await joinAs(server.url, 'Prop')
    clients.push(client)
    // A record, so the compiler names any request event left out here.
    const every: Record<RequestEvent, true> = {
      'session:join': true,
      'session:ping': true,
      'session:link': true,
      'session:unlink': true,
      'room:create': true,
      'room:join': true,
      'room:leave': true,
      'room:topic': true,
      'room:posting': true,
      'room:slow-mode': true,
      'room:remove': true,
      'room:restore': true,
      'room:invite': true,
      'room:remove-person': true,
      'room:notify': true,
      'room:favourite': true,
      'person:ignore': true,
      'emoji:prefs': true,
      'dm:open': true,
      'receipts:get': true,
      'receipts:share': true,
      'message:send': true,
      'message:history': true,
      'message:edit': true,
      'message:delete': true,
      'message:react': true,
      'message:pin': true,
      'message:vote': true,
      'message:close-poll': true,
      'message:pins': true,
      'message:save': true,
      'message:remind': true,
      'message:saved': true,
      'message:thread': true,
      'dm:hide': true,
      'person:picture': true,
      'room:order-favourites': true,
      'message:schedule': true,
      'scheduled:edit': true,
      'scheduled:send': true,
      'scheduled:cancel': true,
      'scheduled:list': true,
      'message:unread': true,
      'message:read': true,
      'message:mark-unread': true,
      'message:changes': true,
      'message:search': true,
      'typing:set': true,
      'presence:set': true,
      'presence:seen': true,
      'presence:share-seen': true,
      'presence:status': true,
      'file:begin': true,
      'file:chunk': true,
      'moderation:remove': true,
      'moderation:lift': true,
      'moderation:removals': true,
      'moderation:removed-rooms': true,
    }
    const events = Object.keys(every) as RequestEvent[]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...events),
        fc.anything({ withObjectString: true, withNullPrototype: true }),
        async (event, payload) => {
          const result = await request(client, event, payload as never)
          const shaped =
            ('data' in result && Object.keys(result).length === 1) ||
            ('error' in result &&
              (ERROR_CODES as readonly string[]).includes(result.error) &&
              typeof result.message === 'string')
          expect(shaped).toBe(true)
          expect(client.connected).toBe(true)
        },
      ),
      { numRuns: 400 },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('general'), fc.string({ maxLength: 50 })),
        fc.string({ maxLength: 64 }),
        fc.option(fc.integer({ min: -2, max: Number.MAX_SAFE_INTEGER }), { nil: undefined }),
        async (roomId, text, replyTo) => {
          const result = await request(client, 'message:send', {
            roomId,
            text,
            ...(replyTo !== undefined && { replyTo }),
          })
          if ('data' in result) {
            expect(result.data).toMatchObject({ roomId, text, author: 'Prop' })
            expect(result.data.replyTo?.id).toBe(replyTo)
          } else {
            expect(['INVALID_PAYLOAD', 'ROOM_NOT_FOUND', 'FORBIDDEN', 'MESSAGE_NOT_FOUND']).toContain(result.error)
          }
        },
      ),
      { numRuns: 200 },
    )
    // Chunks anywhere, of any size, into a real upload: never more than its size is kept.
    const size = 3 * LIMITS.fileChunkBytes
    const begun = await request(client, 'file:begin', { roomId: 'general', name: 'f.bin', size, type: 'text/plain' })
    if (!('data' in begun)) throw new Error(begun.message)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -1, max: size + 1 }),
        fc.uint8Array({ minLength: 0, maxLength: LIMITS.fileChunkBytes + 1 }),
        async (offset, data) => {
          const result = await request(client, 'file:chunk', { fileId: begun.data.fileId, offset, data })
          if ('data' in result) expect(result.data.received).toBeLessThanOrEqual(size)
          else expect(['INVALID_PAYLOAD', 'RATE_LIMITED']).toContain(result.error)
        },
      ),
      { numRuns: 200 },
    )
    await stillChats()
    expect(errors).toEqual([])
  })

  it('answers every probe event with {data} or {error, message} for any payload at all', async () => {
    const prober: Socket<ProbeServerToClientEvents, ProbeClientToServerEvents> = io(`${server.url}${PROBE_NAMESPACE}`, {
      forceNew: true,
      reconnection: false,
      transports: ['websocket'],
    })
    await new Promise<void>((resolve) => prober.once('connect', () => resolve()))
    // A record, so the compiler names any probe event left out here.
    const every: Record<keyof ProbeClientToServerEvents, true> = {
      'probe:open': true,
      'probe:join': true,
      'probe:send': true,
    }
    const emit = prober.timeout(10_000).emitWithAck as (event: string, payload: unknown) => Promise<unknown>
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(every)),
        fc.anything({ withObjectString: true, withNullPrototype: true }),
        async (event, payload) => {
          const result = (await emit.call(prober.timeout(10_000), event, payload)) as Record<string, unknown>
          const shaped =
            ('data' in result && Object.keys(result).length === 1) ||
            ((ERROR_CODES as readonly unknown[]).includes(result.error) && typeof result.message === 'string')
          expect(shaped).toBe(true)
          expect(prober.connected).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
    prober.close()
    await stillChats()
    expect(errors).toEqual([])
  })
})
