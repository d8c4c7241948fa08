import type { Ack } from './errors'

/**
 * The transport comparison: the app measures WebSocket, long-polling and
 * short polling side by side, live, through its own link to the server. A
 * probe channel has one sender and any number of receivers; nothing in it is
 * stored or shown to anyone else. Probes use their own namespace, so they are
 * neither members nor messages.
 */
export const PROBE_NAMESPACE = '/probe'

export const PROBE_LIMITS = {
  /** Probes one channel keeps for short polling: the newest ones. */
  keptProbes: 64,
  /** Probes one sender may send per second. */
  probesPerSecond: 20,
  /** Channels open on one server at once, so a flood of probers costs bounded memory. */
  channelsMax: 64,
  /** The highest sequence number: a run sends a handful. */
  seqMax: 1_000_000,
} as const

/** `GET /probe/<channel>?after=<seq>`: what short polling asks for. */
export const PROBE_POLL_PATH = /^\/probe\/([0-9a-f]{32})$/

export function probePollUrl(base: string, channel: string, after: number): string {
  return `${base}/probe/${channel}?after=${after}`
}

/** What a short poll answers: the kept probes after the cursor, oldest first. */
export interface ProbePollAnswer {
  seqs: number[]
}

export interface ProbeClientToServerEvents {
  /** Opens a channel this socket sends to; one per socket. Closed when the socket goes. */
  'probe:open': (ack: Ack<{ channel: string }>) => void
  /** Receives a channel's probes as `probe:message`. */
  'probe:join': (request: { channel: string }, ack: Ack<Record<string, never>>) => void
  /** To every receiver of the socket's channel, and kept for short polling. */
  'probe:send': (request: { seq: number }, ack: Ack<Record<string, never>>) => void
}

export interface ProbeServerToClientEvents {
  'probe:message': (probe: { seq: number }) => void
}
