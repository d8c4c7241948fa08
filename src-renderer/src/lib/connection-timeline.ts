import type { TransportName } from '../../../protocol'

export type TimelineKind =
  | 'handshake'
  | 'probe'
  | 'upgrade'
  | 'upgrade-error'
  | 'close'
  | 'reconnect-attempt'
  | 'connect'
  | 'fallback'
  | 'heal-scheduled'

export interface TimelineEntry {
  kind: TimelineKind
  /** Wall-clock time, ms since the epoch. */
  at: number
  /** How long after this engine's handshake it happened; null before any handshake. */
  sinceHandshakeMs: number | null
  /** The Engine.IO session it belongs to. */
  sessionId: string
  text: string
}

export interface TrafficCounters {
  packetsSent: number
  packetsReceived: number
  bytesSent: number
  bytesReceived: number
}

export type TrafficStats = Record<TransportName, TrafficCounters>

/** Entries kept: this session and the earlier ones, up to a bound. */
export const TIMELINE_LIMIT = 300

export function emptyTraffic(): TrafficStats {
  const zero = (): TrafficCounters => ({ packetsSent: 0, packetsReceived: 0, bytesSent: 0, bytesReceived: 0 })
  return { polling: zero(), websocket: zero() }
}

/** UTF-8 length without encoding: this runs for every packet, so it allocates nothing. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one four-byte character.
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** An Engine.IO packet's size on the wire: one type byte, then its data. */
export function packetBytes(packet: { data?: unknown }): number {
  const { data } = packet
  if (typeof data === 'string') return 1 + utf8Length(data)
  if (data instanceof ArrayBuffer) return 1 + data.byteLength
  if (ArrayBuffer.isView(data)) return 1 + data.byteLength
  return 1
}

/** Records what happens to the connection, newest last. */
export class ConnectionTimeline {
  readonly entries: TimelineEntry[] = []
  private handshakeAt: number | null = null
  private sessionId = ''

  constructor(
    private readonly onChange: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  handshake(sessionId: string, transport: string): void {
    this.sessionId = sessionId
    this.handshakeAt = this.now()
    this.add('handshake', `Handshake over ${transport === 'polling' ? 'HTTP long-polling' : transport}`)
  }

  add(kind: TimelineKind, text: string): void {
    const at = this.now()
    this.entries.push({
      kind,
      at,
      sinceHandshakeMs: this.handshakeAt === null ? null : at - this.handshakeAt,
      sessionId: this.sessionId,
      text,
    })
    if (this.entries.length > TIMELINE_LIMIT) this.entries.splice(0, this.entries.length - TIMELINE_LIMIT)
    this.onChange()
  }
}
