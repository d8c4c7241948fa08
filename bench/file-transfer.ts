import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { fileUrl, LIMITS } from '../protocol'
import { parleyClient } from './clients'
import type { ServerHandle } from './server-handle'

export interface FileTransferResult {
  transport: 'websocket' | 'polling'
  bytes: number
  /** From `file:begin` to the last chunk's ack, in MB (10^6 bytes) per second. */
  uploadMBps: number
  /** The sent file fetched back over HTTP (`/files/<id>`), MB/s: the same for both transports. */
  downloadMBps: number
  /** Bytes the server received per byte of the file: framing, headers and, on long-polling, base64. */
  wirePerByte: number
  /** HTTP requests the server answered per MiB uploaded. */
  requestsPerMiB: number
  /** Server CPU time per MiB uploaded, ms. */
  serverCpuMsPerMiB: number
  /** The download matched the upload, byte for byte. */
  intact: boolean
}

const MIB = 2 ** 20

/**
 * Uploads `bytes` of random data as the app does (32 KiB chunks, each
 * waiting for its ack), sends it with a message, and downloads it back.
 */
export async function measureFileTransfer(
  server: ServerHandle,
  transport: 'websocket' | 'polling',
  bytes: number,
): Promise<FileTransferResult> {
  const socket = await parleyClient(server.url, transport)
  try {
    const data = randomBytes(bytes)
    const ask = <T>(event: string, payload: unknown): Promise<T> =>
      socket.timeout(30_000).emitWithAck(event, payload) as Promise<T>
    type Answer<T> = { data: T } | { error: string; message: string }
    const check = <T>(answer: Answer<T>): T => {
      if ('error' in answer) throw new Error(`${answer.error}: ${answer.message}`)
      return answer.data
    }

    const before = await server.stats()
    const started = performance.now()
    const { fileId } = check(
      await ask<Answer<{ fileId: string }>>('file:begin', {
        roomId: 'general',
        name: 'bench.bin',
        size: bytes,
        type: 'application/octet-stream',
      }),
    )
    for (let offset = 0; offset < bytes; offset += LIMITS.fileChunkBytes) {
      check(
        await ask<Answer<{ received: number }>>('file:chunk', {
          fileId,
          offset,
          data: data.subarray(offset, offset + LIMITS.fileChunkBytes),
        }),
      )
    }
    const uploadSeconds = (performance.now() - started) / 1000
    const after = await server.stats()
    check(await ask<Answer<unknown>>('message:send', { roomId: 'general', text: '', fileId }))

    const fetchStarted = performance.now()
    const downloaded = Buffer.from(await (await fetch(fileUrl(server.url, { id: fileId }))).arrayBuffer())
    const downloadSeconds = (performance.now() - fetchStarted) / 1000
    return {
      transport,
      bytes,
      uploadMBps: bytes / 1e6 / uploadSeconds,
      downloadMBps: bytes / 1e6 / downloadSeconds,
      wirePerByte: (after.bytesIn - before.bytesIn) / bytes,
      requestsPerMiB: (after.httpRequests - before.httpRequests) / (bytes / MIB),
      serverCpuMsPerMiB: (after.cpuMicros - before.cpuMicros) / 1000 / (bytes / MIB),
      intact: downloaded.equals(data),
    }
  } finally {
    socket.disconnect()
  }
}
