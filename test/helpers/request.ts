import { LIMITS, type RequestEvent, type RequestOf, type ResponseOf, type Room } from '../../protocol'
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

/** Opens (or finds) the DM between `client`'s person and `name`, who is online; throws if refused. */
export async function openDm(client: TestClient, name: string): Promise<Room> {
  const dm = await request(client, 'dm:open', { name })
  if (!('data' in dm)) throw new Error(dm.message)
  return dm.data
}

export function sendMessage(
  client: TestClient,
  payload: RequestOf<'message:send'>,
): Promise<ResponseOf<'message:send'>> {
  return requestPatiently(client, 'message:send', payload)
}

/** Uploads `bytes` to a room in chunks, as the app does, expecting each chunk taken; the file's id. */
export async function uploadFile(
  client: TestClient,
  bytes: Uint8Array,
  { name = 'notes.pdf', roomId = 'general', type = 'application/pdf' } = {},
): Promise<string> {
  const begun = await requestPatiently(client, 'file:begin', { roomId, name, size: bytes.length, type })
  if (!('data' in begun)) throw new Error(begun.message)
  const { fileId } = begun.data
  for (let offset = 0; offset < bytes.length; offset += LIMITS.fileChunkBytes) {
    const data = bytes.subarray(offset, offset + LIMITS.fileChunkBytes)
    const chunk = await requestPatiently(client, 'file:chunk', { fileId, offset, data })
    if (!('data' in chunk) || chunk.data.received !== offset + data.length) {
      throw new Error(`chunk at ${offset} not taken: ${JSON.stringify(chunk)}`)
    }
  }
  return fileId
}
