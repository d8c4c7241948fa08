import { io, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import {
  PROBE_LIMITS,
  PROBE_NAMESPACE,
  probePollUrl,
  type AckResult,
  type HealthReport,
  type ProbeClientToServerEvents,
  type ProbeServerToClientEvents,
} from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { waitUntil } from '../helpers/server'

type Prober = Socket<ProbeServerToClientEvents, ProbeClientToServerEvents>

describe('the transport comparison’s probe channels', () => {
  const t = useServerFixture()
  const probers: Prober[] = []
  afterEach(() => probers.splice(0).forEach((prober) => prober.close()))

  /** A probe connection; WebSocket only unless asked, as most of these need no negotiation. */
  function connect(options: { password?: string; transports?: Array<'polling' | 'websocket'> } = {}): Promise<Prober> {
    const prober: Prober = io(`${t.server.url}${PROBE_NAMESPACE}`, {
      forceNew: true,
      reconnection: false,
      transports: options.transports ?? ['websocket'],
      auth: options.password ? { password: options.password } : {},
    })
    probers.push(prober)
    return new Promise((resolve, reject) => {
      prober.once('connect', () => resolve(prober))
      prober.once('connect_error', reject)
    })
  }
  const open = (prober: Prober) =>
    new Promise<AckResult<{ channel: string }>>((resolve) => prober.emit('probe:open', resolve))
  const join = (prober: Prober, channel: string) =>
    new Promise<AckResult<unknown>>((resolve) => prober.emit('probe:join', { channel }, resolve))
  const send = (prober: Prober, seq: number) =>
    new Promise<AckResult<unknown>>((resolve) => prober.emit('probe:send', { seq }, resolve))
  async function openChannel(prober: Prober): Promise<string> {
    const opened = await open(prober)
    if (!('data' in opened)) throw new Error(opened.message)
    return opened.data.channel
  }
  const poll = (channel: string, after: number, headers: Record<string, string> = {}) =>
    fetch(probePollUrl(t.server.url, channel, after), { headers })

  it('sends each probe to the receivers at once, keeps it for short polls, and never counts probers as people', async () => {
    await t.start()
    const ann = await t.join('ann')
    const sender = await connect()
    const channel = await openChannel(sender)
    expect(channel).toMatch(/^[0-9a-f]{32}$/)
    expect(await openChannel(sender)).toBe(channel)
    const receivers = await Promise.all([connect(), connect({ transports: ['polling'] })])
    for (const receiver of receivers) expect(await join(receiver, channel)).toEqual({ data: {} })

    const got: Array<Array<number>> = receivers.map(() => [])
    receivers.forEach((receiver, index) => receiver.on('probe:message', ({ seq }) => got[index]!.push(seq)))
    const senderGot: number[] = []
    sender.on('probe:message', ({ seq }) => senderGot.push(seq))
    for (const seq of [1, 2, 3]) expect(await send(sender, seq)).toEqual({ data: {} })
    await waitUntil(() => got.every((seqs) => seqs.length === 3), 10_000, 'both receivers')
    expect(got).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ])
    expect(senderGot).toEqual([])

    expect(await (await poll(channel, 0)).json()).toEqual({ seqs: [1, 2, 3] })
    const answer = await poll(channel, 2)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(await answer.json()).toEqual({ seqs: [3] })
    expect(await (await poll(channel, 3)).json()).toEqual({ seqs: [] })

    const health = (await (await fetch(`${t.server.url}/healthz`)).json()) as HealthReport
    expect(health.connections.total).toBe(1)
    expect(health.members).toBe(1)
    // Nothing reached the chat.
    expect((await t.history(ann)).messages).toEqual([])
  })

  it('keeps only the newest probes, and closes the channel with its sender', async () => {
    await t.start()
    const sender = await connect()
    const channel = await openChannel(sender)
    const total = PROBE_LIMITS.keptProbes + 5
    for (let seq = 1; seq <= total; seq++) {
      const sent = await send(sender, seq)
      if ('error' in sent && sent.error === 'RATE_LIMITED') {
        await new Promise((resolve) => setTimeout(resolve, sent.retryAfterMs))
        seq--
      }
    }
    const { seqs } = (await (await poll(channel, 0)).json()) as { seqs: number[] }
    expect(seqs).toEqual(Array.from({ length: PROBE_LIMITS.keptProbes }, (_, i) => i + 6))

    sender.close()
    await waitUntil(async () => (await poll(channel, 0)).status === 404, 10_000, 'the channel to close')
    expect(await (await poll(channel, 0)).json()).toEqual({ error: 'No such probe channel: it closed with its sender' })
  })

  it('refuses what is not a probe of one’s own channel, with a reason', async () => {
    await t.start()
    const sender = await connect()
    const channel = await openChannel(sender)
    const other = await connect()
    expect(await send(other, 1)).toEqual({ error: 'FORBIDDEN', message: 'Open a probe channel first' })
    expect(await join(other, 'f'.repeat(32))).toEqual({ error: 'ROOM_NOT_FOUND', message: 'No such probe channel' })
    expect(await join(other, '../general')).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(await send(sender, 0)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    const sendAny = (payload: unknown) =>
      new Promise<AckResult<unknown>>((resolve) =>
        (other.emit as (...args: unknown[]) => void)('probe:send', payload, resolve),
      )
    expect(await sendAny({ seq: 1, extra: true })).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(await sendAny('1')).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect((await poll(channel, -1)).status).toBe(400)
    expect((await fetch(probePollUrl(t.server.url, channel, 0), { method: 'POST' })).status).toBe(405)
    // The server went on: the sender still sends.
    expect(await send(sender, 1)).toEqual({ data: {} })
  })

  it('limits probes per second and channels per server', async () => {
    await t.start()
    const sender = await connect()
    await openChannel(sender)
    const answers = await Promise.all(
      Array.from({ length: PROBE_LIMITS.probesPerSecond + 1 }, (_, i) => send(sender, i + 1)),
    )
    expect(answers.filter((answer) => 'error' in answer && answer.error === 'RATE_LIMITED')).toHaveLength(1)

    const senders = await Promise.all(Array.from({ length: PROBE_LIMITS.channelsMax - 1 }, () => connect()))
    for (const prober of senders) await openChannel(prober)
    const tooMany = await open(await connect())
    expect(tooMany).toMatchObject({ error: 'RATE_LIMITED', message: 'Too many comparisons are running on this server' })
    // A channel closed makes room for another.
    senders[0]!.close()
    const next = await connect()
    await waitUntil(async () => 'data' in (await open(next)), 10_000, 'room for a channel')
  })

  it('asks for the server’s password, and answers short polls only to the origins allowed to connect', async () => {
    await t.start({ password: 'open sesame' })
    await expect(connect()).rejects.toThrow('This server needs a password')
    const sender = await connect({ password: 'open sesame' })
    const channel = await openChannel(sender)
    const origin = async (from: string) =>
      (await poll(channel, 0, { Origin: from })).headers.get('access-control-allow-origin')
    expect(await origin('parley://app')).toBe('parley://app')
    expect(await origin('http://evil.example')).toBeNull()
  })
})
