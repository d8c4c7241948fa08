import type { AckResult } from '../../../protocol'
import { PASSING_ERRORS } from './passing-errors'

/**
 * Choices a person made here for a room (a notification level, a favourite)
 * that the server has not taken yet: it was out of reach, or the connection
 * dropped before its answer. They are sent again with every join, and as a
 * dropped connection recovers, until the server has them; meanwhile they
 * show over what it keeps.
 */
export interface UnsentChoices<V> {
  /** Sends a choice, keeping it until the server answers anything but a passing error. */
  send(roomId: string, value: V): Promise<void>
  /** The choices still waiting, oldest first. */
  waiting(): Array<[string, V]>
  /** Sends every choice still waiting again. */
  resend(): void
  clear(): void
}

export function unsentChoices<V>(request: (roomId: string, value: V) => Promise<AckResult<unknown>>): UnsentChoices<V> {
  const unsent = new Map<string, V>()
  async function send(roomId: string, value: V): Promise<void> {
    unsent.set(roomId, value)
    const result = await request(roomId, value)
    // Refused (a room gone, say): sending it again would change nothing.
    const passing = 'error' in result && PASSING_ERRORS.has(result.error)
    if (!passing && unsent.get(roomId) === value) unsent.delete(roomId)
  }
  return {
    send,
    waiting: () => [...unsent],
    resend() {
      for (const [roomId, value] of [...unsent]) void send(roomId, value)
    },
    clear: () => unsent.clear(),
  }
}
