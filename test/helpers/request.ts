import type { RequestEvent, RequestOf, ResponseOf } from '../../protocol'
import type { TestClient } from './server'

/** Sends a request and returns its typed ack; rejects if none comes within `ms`. */
export function request<E extends RequestEvent>(
  client: TestClient,
  event: E,
  payload: RequestOf<E>,
  ms = 10_000,
): Promise<ResponseOf<E>> {
  const timed = client.timeout(ms)
  const emit = timed.emitWithAck as (event: E, payload: RequestOf<E>) => Promise<ResponseOf<E>>
  return emit.call(timed, event, payload)
}
