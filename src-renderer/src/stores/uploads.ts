import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { LIMITS, type FileBeginRequest, type FileInfo } from '../../../protocol'
import { fileBeginSchema, issueMessage } from '../../../protocol/schemas'
import { PASSING_ERRORS } from '../lib/passing-errors'
import { loadAttachments, saveAttachments, type KeptAttachments } from '../platform/attachments'
import { dropBytes, keepBytes, loadBytes, sweepBytes } from '../platform/upload-bytes'
import { useConnectionStore } from './connection'

export interface Upload {
  name: string
  size: number
  type: string
  /** Bytes the server has. */
  sent: number
  /** Known once the server has taken the upload on. */
  fileId?: string
  state: 'uploading' | 'done' | 'failed'
  error?: string
  /** When the server took the upload on: it keeps an unsent file for an hour from then. */
  since?: number
}

/** How long an upload waits out a lost connection before it is failed. */
const GIVE_UP_MS = 2 * 60 * 1000

/** Kept bytes no attachment needs yet are spared this long: their upload may still be waiting for its first answer. */
const ORPHAN_GRACE_MS = 60 * 1000

/**
 * A file on its way to a room, one per room, before the message that carries
 * it is sent. It goes up in acknowledged chunks, so a lost connection costs
 * one chunk: the upload goes on from what the server has once it is back.
 */
export const useUploadsStore = defineStore('uploads', () => {
  const connection = useConnectionStore()
  const uploads = ref<Record<string, Upload>>({})
  /** The server and name the uploads are kept for; none before a join. */
  let key = ''

  /** Where a room's upload keeps its bytes until it is whole. */
  const bytesKey = (roomId: string): string => `${key}|${roomId}`

  /**
   * Keeps each room's upload the server has taken on, so a reload or a
   * restart of the app finds it still attached (or going up again), as the
   * draft beside it is.
   */
  function keep(): void {
    if (!key) return
    const kept: KeptAttachments = {}
    for (const [roomId, upload] of Object.entries(uploads.value)) {
      if (upload.state === 'failed' || upload.fileId === undefined || upload.since === undefined) continue
      const { fileId: id, name, size, type, since } = upload
      kept[roomId] = { file: { id, name, size, type }, since, whole: upload.state === 'done' }
    }
    saveAttachments(key, kept)
  }

  /**
   * Brings back the uploads kept for this server and name that the server
   * still keeps: a whole one ready to send, one cut short going on from what the server has.
   */
  function restore(serverAndName: string): void {
    if (serverAndName === key) return
    key = serverAndName
    // A minute's margin for the two clocks: a file the server swept would fail its message.
    const fresh = Date.now() - LIMITS.fileUnsentTtlMs + 60_000
    for (const [roomId, { file, since, whole }] of Object.entries(loadAttachments(key))) {
      if (uploads.value[roomId]) continue
      if (since < fresh) {
        if (!whole) void dropBytes(bytesKey(roomId))
        continue
      }
      const { id: fileId, name, size, type } = file
      const state = whole ? 'done' : 'uploading'
      uploads.value[roomId] = { name, size, type, sent: whole ? size : 0, fileId, since, state }
      if (!whole) void resume(roomId, uploads.value[roomId]!)
    }
    keep()
    void sweepBytes(uselessBytes())
  }

  /**
   * Which kept bytes no upload will resume: any a server has swept the file
   * of (under every server and name, joined again or not), and this name's
   * that no kept attachment needs (the page went before the server took the
   * file on). Those an upload here is resuming are kept whatever their age
   * (one kept before entries said when reads as kept long ago); those under
   * a minute old are spared: another tab's upload may be waiting for that first answer.
   */
  function uselessBytes(): (bytesKey: string, keptAt: number) => boolean {
    const now = Date.now()
    const needed = new Set(
      Object.entries(uploads.value)
        .filter(([, upload]) => upload.state === 'uploading')
        .map(([roomId]) => bytesKey(roomId)),
    )
    return (candidate, keptAt) =>
      !needed.has(candidate) &&
      (keptAt < now - LIMITS.fileUnsentTtlMs || (candidate.startsWith(`${key}|`) && keptAt < now - ORPHAN_GRACE_MS))
  }

  async function resume(roomId: string, upload: Upload): Promise<void> {
    const bytes = await loadBytes(bytesKey(roomId))
    if (uploads.value[roomId] !== upload) return
    if (bytes?.size !== upload.size)
      return stopped(roomId, upload, 'The upload stopped with the page: choose the file again')
    // From the start: the server answers a chunk it has with how much it has, and the upload goes on from there.
    await send(roomId, upload, bytes)
  }

  /** Resolves once connected, or with false after `ms`. */
  function connected(ms: number): Promise<boolean> {
    if (connection.status === 'connected') return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop()
        resolve(false)
      }, ms)
      const stop = watch(
        () => connection.status,
        (status) => {
          if (status !== 'connected') return
          clearTimeout(timer)
          stop()
          resolve(true)
        },
      )
    })
  }

  function fail(upload: Upload, message: string): void {
    upload.state = 'failed'
    upload.error = message
  }

  /** Starts uploading `file` to a room, in place of any upload there; settles when it is done or failed. */
  async function attach(roomId: string, file: File): Promise<void> {
    const checked = fileBeginSchema.safeParse({
      roomId,
      name: file.name,
      size: file.size,
      type: file.type || 'application/octet-stream',
    })
    const request = checked.data ?? { roomId, name: file.name, size: file.size, type: file.type }
    uploads.value[roomId] = { name: request.name, size: file.size, type: request.type, sent: 0, state: 'uploading' }
    // Through the store from here: the reactive copy, which cancel() replaces.
    const upload = uploads.value[roomId]!
    if (!checked.success) return fail(upload, issueMessage(checked.error))
    // In place of one kept for the room, after a reload too; its bytes until it is whole.
    keep()
    void keepBytes(bytesKey(roomId), file)
    await send(roomId, upload, file, checked.data)
  }

  /** Sends a room's upload, from `file:begin` (with `begin`) or from what the server has; settles when it is done or failed. */
  async function send(roomId: string, upload: Upload, file: Blob, begin?: FileBeginRequest): Promise<void> {
    const current = (): boolean => uploads.value[roomId] === upload
    let giveUpAt = Date.now() + GIVE_UP_MS
    while (current() && upload.state === 'uploading') {
      if (Date.now() > giveUpAt) return stopped(roomId, upload, 'The upload stopped: no connection to the server')
      if (!(await connected(giveUpAt - Date.now()))) continue
      const result =
        upload.fileId === undefined
          ? await connection.request('file:begin', begin!)
          : await connection.request('file:chunk', {
              fileId: upload.fileId,
              offset: upload.sent,
              data: new Uint8Array(await file.slice(upload.sent, upload.sent + LIMITS.fileChunkBytes).arrayBuffer()),
            })
      if (!current()) return
      if ('error' in result) {
        // After a passing error the chunk is sent again, rather than the upload failed.
        if (!PASSING_ERRORS.has(result.error)) return stopped(roomId, upload, result.message)
        await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs ?? 250))
        continue
      }
      giveUpAt = Date.now() + GIVE_UP_MS
      if ('fileId' in result.data) {
        upload.fileId = result.data.fileId
        upload.since = Date.now()
        keep()
      } else upload.sent = result.data.received
      if (upload.fileId !== undefined && upload.sent === upload.size) {
        upload.state = 'done'
        keep()
        void dropBytes(bytesKey(roomId))
      }
    }
  }

  /** Failed for good: not kept for a reload, and its bytes go. */
  function stopped(roomId: string, upload: Upload, message: string): void {
    fail(upload, message)
    keep()
    void dropBytes(bytesKey(roomId))
  }

  /** Drops a room's upload, finished or not (the server discards what no message carries). */
  function cancel(roomId: string): void {
    if (!uploads.value[roomId]) return
    delete uploads.value[roomId]
    keep()
    void dropBytes(bytesKey(roomId))
  }

  /** The room's finished upload, for the message about to be sent, and no longer the room's. */
  function take(roomId: string): FileInfo | undefined {
    const upload = uploads.value[roomId]
    if (upload?.state !== 'done' || upload.fileId === undefined) return undefined
    cancel(roomId)
    return { id: upload.fileId, name: upload.name, size: upload.size, type: upload.type }
  }

  /** On leaving: the uploads stay kept for the next join under this name. */
  function reset(): void {
    key = ''
    uploads.value = {}
  }

  return { uploads, restore, attach, cancel, take, reset }
})
