import type { TransportName } from '../../../protocol'
import { packetBytes } from './connection-timeline'

/** One Engine.IO packet as the inspector lists it. */
export interface PacketEntry {
  /** Wall-clock time, ms since the epoch. */
  at: number
  direction: 'sent' | 'received'
  transport: TransportName
  /** Engine.IO's packet type: open, close, ping, pong, message, upgrade or noop. */
  type: string
  /** In words: the Socket.IO packet inside a message (`event message:send, asks ack 4`), or what the type does. */
  what: string
  /** The start of the packet as it goes over the wire, secrets hidden. */
  wire: string
  bytes: number
}

/** Packets kept: enough to see a handshake and an upgrade, bounded for a long session. */
export const PACKET_LOG_LIMIT = 200
/** How much of a packet the log shows. */
export const WIRE_PREVIEW_CHARS = 120

const ENGINE_DIGITS: Record<string, string> = {
  open: '0',
  close: '1',
  ping: '2',
  pong: '3',
  message: '4',
  upgrade: '5',
  noop: '6',
}
const ENGINE_WORDS: Record<string, string> = {
  open: 'handshake: the session id, the upgrades offered, the ping interval',
  close: 'closes the session',
  ping: 'ping: are you there?',
  pong: 'pong: still here',
  upgrade: 'upgrade: switch this session to this transport',
  noop: 'noop: ends a waiting long-poll, so the switch can happen',
}
const SOCKET_TYPES = ['connect', 'disconnect', 'event', 'ack', 'connect error', 'binary event', 'binary ack']
// Socket.IO's packet: type, binary count, namespace, ack id, then the event's name if it is one.
const SOCKET_PACKET = /^(\d)(?:\d+-)?(?:(\/[^,]*),)?(\d*)(?:\["((?:[^"\\]|\\.)*)")?/
// Never on screen, which a class may be watching: what lets someone join as this person, or as a
// moderator, or take over this session when it drops (Socket.IO's recovery id, `pid`). It may be cut short.
const SECRET = /"(token|device|password|moderatorPassword|linkCode|pid)":"(?:[^"\\]|\\.)*("|$)/g

/** What a packet is, in words, and the start of it as on the wire, with passwords and tokens hidden. */
export function describePacket(packet: { type: string; data?: unknown }): { what: string; wire: string } {
  const digit = ENGINE_DIGITS[packet.type] ?? '?'
  const { data } = packet
  if (data !== undefined && typeof data !== 'string') {
    const { byteLength, size } = data as { byteLength?: number; size?: number }
    return { what: 'binary attachment (a file chunk)', wire: `<${byteLength ?? size ?? '?'} bytes of binary>` }
  }
  // Cut before hiding secrets (a long batch is not read whole), and again after.
  const text = `${digit}${data ?? ''}`.slice(0, WIRE_PREVIEW_CHARS * 2).replace(SECRET, '"$1":"•••$2')
  const wire = text.length > WIRE_PREVIEW_CHARS ? `${text.slice(0, WIRE_PREVIEW_CHARS)}…` : text
  if (packet.type !== 'message') {
    const probe = data === 'probe' ? ' (the upgrade probe)' : ''
    return { what: `${ENGINE_WORDS[packet.type] ?? packet.type}${probe}`, wire }
  }
  const parsed = SOCKET_PACKET.exec(data ?? '')
  if (!parsed) return { what: 'message', wire }
  const [, type, namespace, ackId, event] = parsed
  const kind = SOCKET_TYPES[Number(type)] ?? 'message'
  const where = namespace ? ` on ${namespace}` : ''
  if (event !== undefined) return { what: `${kind} ${event}${ackId ? `, asks ack ${ackId}` : ''}${where}`, wire }
  if (ackId) return { what: `${kind} ${ackId}${where}`, wire }
  return { what: `${kind}${where || (kind === 'connect' ? ' /' : '')}`, wire }
}

/** Adds a packet to the log, dropping the oldest past the limit. */
export function logPacket(
  log: PacketEntry[],
  direction: PacketEntry['direction'],
  transport: TransportName,
  packet: { type: string; data?: unknown },
): void {
  log.push({
    at: Date.now(),
    direction,
    transport,
    type: packet.type,
    bytes: packetBytes(packet),
    ...describePacket(packet),
  })
  if (log.length > PACKET_LOG_LIMIT) log.splice(0, log.length - PACKET_LOG_LIMIT)
}

/**
 * The log as tab-separated text, oldest first, with a header: pasted into a
 * spreadsheet or a notebook, each packet is a row to sort and count. Secrets
 * stay hidden, as on screen; the wire holds no tab or line break (JSON escapes them).
 */
export function packetLogText(entries: readonly PacketEntry[]): string {
  const rows = entries.map(({ at, direction, transport, type, bytes, what, wire }) =>
    [new Date(at).toISOString(), direction, transport, type, bytes, what, wire].join('\t'),
  )
  return ['time\tdirection\ttransport\ttype\tbytes\twhat\twire', ...rows].join('\n')
}
