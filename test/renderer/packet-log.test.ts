import { describe, expect, it } from 'vitest'
import {
  describePacket,
  logPacket,
  PACKET_LOG_LIMIT,
  packetLogText,
  WIRE_PREVIEW_CHARS,
  type PacketEntry,
} from '../../src-renderer/src/lib/packet-log'

const message = (data: unknown) => describePacket({ type: 'message', data })

describe('the inspector’s packet log', () => {
  it('says what each Engine.IO packet is, and shows it as on the wire', () => {
    expect(describePacket({ type: 'ping', data: 'probe' })).toEqual({
      what: 'ping: are you there? (the upgrade probe)',
      wire: '2probe',
    })
    expect(describePacket({ type: 'pong' })).toEqual({ what: 'pong: still here', wire: '3' })
    expect(describePacket({ type: 'upgrade' }).wire).toBe('5')
    expect(describePacket({ type: 'noop' })).toEqual({
      what: 'noop: ends a waiting long-poll, so the switch can happen',
      wire: '6',
    })
    expect(describePacket({ type: 'open', data: '{"sid":"abc","upgrades":["websocket"]}' })).toMatchObject({
      what: expect.stringMatching(/^handshake/),
      wire: '0{"sid":"abc","upgrades":["websocket"]}',
    })
  })

  it('reads the Socket.IO packet inside a message: events, acks, namespaces', () => {
    expect(message('23["message:send",{"roomId":"general","text":"hi"}]')).toEqual({
      what: 'event message:send, asks ack 3',
      wire: '423["message:send",{"roomId":"general","text":"hi"}]',
    })
    expect(message('2["message:created",{"id":1}]').what).toBe('event message:created')
    expect(message('312[{"data":null}]').what).toBe('ack 12')
    expect(message('0{"sid":"x"}').what).toBe('connect /')
    expect(message('0/probe,').what).toBe('connect on /probe')
    expect(message('2/probe,["probe:arrived",{}]').what).toBe('event probe:arrived on /probe')
    expect(message('51-["file:chunk",{"_placeholder":true,"num":0}]').what).toBe('binary event file:chunk')
    expect(message(new Uint8Array(32 * 1024))).toEqual({
      what: 'binary attachment (a file chunk)',
      wire: '<32768 bytes of binary>',
    })
  })

  it('never shows a password, a session token or a link code, even cut short', () => {
    const join = message(
      '20["session:join",{"name":"Ann","token":"t0k\\"en","device":"d3v","moderatorPassword":"keys","linkCode":"7"}]',
    )
    expect(join.what).toBe('event session:join, asks ack 0')
    expect(join.wire).toBe(
      '420["session:join",{"name":"Ann","token":"•••","device":"•••","moderatorPassword":"•••","linkCode":"•••"}]',
    )
    expect(join.wire.length).toBeLessThanOrEqual(WIRE_PREVIEW_CHARS)
    expect(message('0{"password":"hunter2"}').wire).toBe('40{"password":"•••"}')
    // The server's answer to a connect: the recovery id would let whoever reads it resume this session.
    expect(message('0{"sid":"Q9","pid":"mJ4kIq"}').wire).toBe('40{"sid":"Q9","pid":"•••"}')
    // A token that runs past the part of a long packet that is read.
    const long = message(`2["x",{"pad":"${'a'.repeat(WIRE_PREVIEW_CHARS * 2 - 30)}","token":"${'s'.repeat(100)}"}]`)
    expect(long.wire).not.toMatch(/s{3}/)
    expect(long.wire).toHaveLength(WIRE_PREVIEW_CHARS + 1)
    expect(long.wire.endsWith('…')).toBe(true)
  })

  it('keeps the last packets only', () => {
    const log: PacketEntry[] = []
    for (let i = 0; i < PACKET_LOG_LIMIT + 5; i++)
      logPacket(log, 'sent', 'websocket', { type: 'message', data: `2["n${i}"]` })
    expect(log).toHaveLength(PACKET_LOG_LIMIT)
    expect(log[0]).toMatchObject({ direction: 'sent', transport: 'websocket', type: 'message', what: 'event n5' })
    expect(log.at(-1)!.bytes).toBe(`42["n${PACKET_LOG_LIMIT + 4}"]`.length)
  })

  it('copies as tab-separated rows, oldest first, a header above and secrets still hidden', () => {
    const log: PacketEntry[] = []
    logPacket(log, 'received', 'polling', { type: 'open', data: '{"sid":"abc","upgrades":["websocket"]}' })
    logPacket(log, 'sent', 'polling', {
      type: 'message',
      data: '20["session:join",{"name":"Ann","token":"0123456789abcdef0123","note":"tab\\there"}]',
    })
    const [header, handshake, join, ...rest] = packetLogText(log).split('\n')
    expect(rest).toEqual([])
    expect(header!.split('\t')).toEqual(['time', 'direction', 'transport', 'type', 'bytes', 'what', 'wire'])
    expect(handshake!.split('\t')).toEqual([
      new Date(log[0]!.at).toISOString(),
      'received',
      'polling',
      'open',
      String(log[0]!.bytes),
      log[0]!.what,
      '0{"sid":"abc","upgrades":["websocket"]}',
    ])
    const wire = join!.split('\t').at(-1)!
    expect(join!.split('\t')).toHaveLength(7)
    expect(wire).toContain('"token":"•••"')
    expect(wire).not.toContain('0123456789abcdef0123')
  })
})
