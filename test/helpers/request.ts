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

/** Makes a request as a well-behaved client does: waiting out RATE_LIMITED and asking again. */
export async function requestPatiently<E extends RequestEvent>(
  client: TestClient,
  event: E,
  payload: RequestOf<E>,
): Promise<ResponseOf<E>> {
  for (;;) {
    const result = await request(client, event, payload)
    if (!('error' in result) || result.error !== 'RATE_LIMITED') return result
    await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs ?? 100))
  }
}

export function sendMessage(
  client: TestClient,
  payload: RequestOf<'message:send'>,
): Promise<ResponseOf<'message:send'>> {
  return requestPatiently(client, 'message:send', payload)
}
