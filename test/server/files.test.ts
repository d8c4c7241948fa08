import { existsSync, readdirSync } from 'node:fs'
import { join as joinPath } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileUrl, LIMITS, type Message } from '../../protocol'
import { createFileStore, NoSpaceError } from '../../server/files/file-store'
import { openDatabase } from '../../server/storage/database'
import { useServerFixture } from '../helpers/fixture'
import { request, sendMessage, uploadFile } from '../helpers/request'
import { waitForEvent, waitUntil, type TestClient } from '../helpers/server'

describe('files', () => {
  const t = useServerFixture()
  const { join } = t
  /** Bytes that differ at every position, so a chunk out of place shows. */
  const bytesOf = (size: number): Buffer => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + 7) % 251))

  async function sendFile(client: TestClient, fileId: string, text = '', roomId = 'general'): Promise<Message> {
    const sent = await sendMessage(client, { roomId, text, fileId })
    if (!('data' in sent)) throw new Error(sent.message)
    return sent.data
  }
  /** Starts an upload whose chunks the test sends itself; its id. */
  async function beginUpload(client: TestClient, size: number): Promise<string> {
    const begun = await request(client, 'file:begin', { roomId: 'general', name: 'a.bin', size, type: 'text/plain' })
    if (!('data' in begun)) throw new Error(begun.message)
    return begun.data.fileId
  }
  const download = (fileId: string) => fetch(fileUrl(t.server.url, { id: fileId }))
  const filesOnDisk = () => readdirSync(joinPath(t.dataDir, 'files'))

  it('sends a file in chunks with a message, to everyone, and serves it whole as a download', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const bytes = bytesOf(2 * LIMITS.fileChunkBytes + 1000)
    const fileId = await uploadFile(ann, bytes, { name: 'Résumé "final".pdf' })
    const arrived = waitForEvent(bob, 'message:created')
    const sent = await sendFile(ann, fileId)
    const file = { id: fileId, name: 'Résumé "final".pdf', size: bytes.length, type: 'application/pdf' }
    expect(sent).toMatchObject({ text: '', author: 'ann', file })
    expect((await arrived)[0]).toEqual(sent)
    expect((await t.history(bob)).messages).toEqual([sent])

    const response = await download(fileId)
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    )
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    // The desktop app's page may read it (image previews); another site's may not.
    const from = (origin: string) => fetch(fileUrl(t.server.url, { id: fileId }), { headers: { Origin: origin } })
    expect((await from('parley://app')).headers.get('access-control-allow-origin')).toBe('parley://app')
    expect((await from('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('takes a chunk sent again without writing it twice, and refuses one out of place, saying where to go on', async () => {
    await t.start()
    const ann = await join('ann')
    const bytes = bytesOf(LIMITS.fileChunkBytes + 10)
    const fileId = await beginUpload(ann, bytes.length)
    const first = bytes.subarray(0, LIMITS.fileChunkBytes)
    expect(await request(ann, 'file:chunk', { fileId, offset: 0, data: first })).toEqual({
      data: { received: first.length },
    })
    // The ack was lost, and the app sends it again.
    expect(await request(ann, 'file:chunk', { fileId, offset: 0, data: first })).toEqual({
      data: { received: first.length },
    })
    expect(
      await request(ann, 'file:chunk', { fileId, offset: first.length + 1, data: bytes.subarray(first.length) }),
    ).toEqual({
      error: 'INVALID_PAYLOAD',
      message: `The server has ${first.length} bytes of this file: the next chunk starts there`,
    })
    // Not yet whole: it cannot be sent.
    expect(await sendMessage(ann, { roomId: 'general', text: '', fileId })).toMatchObject({ error: 'INVALID_PAYLOAD' })
    // More than its size: refused, and nothing written.
    expect(await request(ann, 'file:chunk', { fileId, offset: first.length, data: bytesOf(11) })).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
    await request(ann, 'file:chunk', { fileId, offset: first.length, data: bytes.subarray(first.length) })
    await sendFile(ann, fileId, 'the file')
    expect(Buffer.from(await (await download(fileId)).arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('refuses what is too big, empty, misnamed, or not one’s own to send, and a file sent twice', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const begin = (name: string, size: number, type = 'text/plain') =>
      request(ann, 'file:begin', { roomId: 'general', name, size, type })
    expect(await begin('big.iso', LIMITS.fileMaxBytes + 1)).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'size: File must be at most 16 MiB',
    })
    expect(await begin('empty.txt', 0)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(await begin('../../etc/passwd', 10)).toMatchObject({
      error: 'INVALID_PAYLOAD',
      message: expect.stringMatching(/path/),
    })
    expect(await begin('a.txt', 10, '<script>')).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(
      await request(ann, 'file:begin', { roomId: 'nowhere', name: 'a.txt', size: 10, type: 'text/plain' }),
    ).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    expect(await sendMessage(ann, { roomId: 'general', text: ' ' })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'text: Message must not be empty',
    })

    const fileId = await uploadFile(ann, bytesOf(100))
    // Someone else can neither add to it nor send it.
    expect(await request(bob, 'file:chunk', { fileId, offset: 100, data: bytesOf(1) })).toMatchObject({
      error: 'FILE_NOT_FOUND',
    })
    expect(await sendMessage(bob, { roomId: 'general', text: 'mine now', fileId })).toMatchObject({
      error: 'FILE_NOT_FOUND',
    })
    await request(ann, 'room:create', { name: 'side' })
    expect(await sendMessage(ann, { roomId: 'side', text: 'elsewhere', fileId })).toMatchObject({
      error: 'FILE_NOT_FOUND',
    })
    // Unsent, it cannot be downloaded either.
    expect((await download(fileId)).status).toBe(404)

    const once = await sendMessage(ann, { roomId: 'general', text: 'here', fileId, clientId: 'c1' })
    // The same send again (its ack was lost) is the same message; another message with it is refused.
    expect(await sendMessage(ann, { roomId: 'general', text: 'here', fileId, clientId: 'c1' })).toEqual(once)
    expect(await sendMessage(ann, { roomId: 'general', text: 'again', fileId, clientId: 'c2' })).toEqual({
      error: 'FILE_NOT_FOUND',
      message: 'This file was sent with another message',
    })
    expect((await t.history(ann)).messages.map((m) => m.text)).toEqual(['here'])
    expect((await fetch(`${t.server.url}/files/${'0'.repeat(32)}`)).status).toBe(404)
    expect((await fetch(`${t.server.url}/files/..%2f..%2fparley.db`)).status).not.toBe(200)
  })

  it('quotes a file sent without words by its name, and deletes the file with its message, from the disk too', async () => {
    await t.start()
    const ann = await join('ann')
    const bare = await sendFile(ann, await uploadFile(ann, bytesOf(10), { name: 'menu.pdf' }))
    const answer = await sendMessage(ann, { roomId: 'general', text: 'thanks', replyTo: bare.id })
    expect(answer).toMatchObject({ data: { replyTo: { id: bare.id, author: 'ann', text: '📎 menu.pdf' } } })
    await request(ann, 'message:delete', { id: bare.id })
    expect((await t.history(ann)).messages.at(-1)!.replyTo).toEqual({
      id: bare.id,
      author: 'ann',
      text: '',
      deleted: true,
      replies: 1,
    })

    const fileId = await uploadFile(ann, bytesOf(5000))
    const sent = await sendFile(ann, fileId, 'slides')
    expect(filesOnDisk()).toEqual([fileId])
    const deleted = await request(ann, 'message:delete', { id: sent.id })
    expect(deleted).toMatchObject({ data: { text: '' } })
    expect('data' in deleted && deleted.data).not.toHaveProperty('file')
    expect((await t.history(ann)).messages.at(-1)).not.toHaveProperty('file')
    expect((await download(fileId)).status).toBe(404)
    // The bytes leave the disk after the ack, which does not wait for them.
    await waitUntil(() => filesOnDisk().length === 0, 10_000, 'the file removed from the disk')
  })

  it('keeps a reserve of disk space free, counting uploads under way, and messages go on', async () => {
    await t.start({ fileSpaceReserveBytes: Number.MAX_SAFE_INTEGER })
    const ann = await join('ann')
    expect(
      await request(ann, 'file:begin', { roomId: 'general', name: 'a.txt', size: 10, type: 'text/plain' }),
    ).toEqual({ error: 'FORBIDDEN', message: 'The server is short of disk space for files' })
    await t.send(ann, 'still chatting')
    await t.stop()

    // 100 MiB free, 60 kept: two uploads of 16 MiB fit, a third would eat into the reserve.
    const db = openDatabase(t.dataDir)
    try {
      const MIB = 2 ** 20
      const files = createFileStore(db, joinPath(t.dataDir, 'files'), {
        reserveBytes: 60 * MIB,
        freeBytes: () => 100 * MIB,
      })
      const begin = () =>
        files.begin({ roomId: 'general', uploader: 'ann', name: 'x.bin', size: 16 * MIB, type: 'text/plain' })
      const first = begin()
      begin()
      expect(begin).toThrow(NoSpaceError)
      await files.discard(first.id)
      expect(begin().size).toBe(16 * MIB)
    } finally {
      db.close()
    }
  })

  it('resumes an upload after a restart, and discards uploads no message carried within the hour', async () => {
    await t.start()
    let ann = await join('ann')
    const bytes = bytesOf(LIMITS.fileChunkBytes + 5)
    const fileId = await beginUpload(ann, bytes.length)
    await request(ann, 'file:chunk', { fileId, offset: 0, data: bytes.subarray(0, LIMITS.fileChunkBytes) })
    await t.stop()
    await t.start()
    ann = await join('ann')
    // The rest, where the server says it stopped.
    expect(
      await request(ann, 'file:chunk', {
        fileId,
        offset: LIMITS.fileChunkBytes,
        data: bytes.subarray(LIMITS.fileChunkBytes),
      }),
    ).toEqual({
      data: { received: bytes.length },
    })
    await sendFile(ann, fileId)
    const unsent = await uploadFile(ann, bytesOf(10))
    expect(filesOnDisk().sort()).toEqual([fileId, unsent].sort())

    // An hour on, the sweep removes the unsent one only.
    await t.stop()
    const db = openDatabase(t.dataDir)
    try {
      const files = createFileStore(db, joinPath(t.dataDir, 'files'))
      expect(await files.sweep(Date.now() + LIMITS.fileUnsentTtlMs + 1)).toBe(1)
      expect(files.get(unsent)).toBeUndefined()
      expect(filesOnDisk()).toEqual([fileId])
      expect(existsSync(joinPath(t.dataDir, 'files', fileId))).toBe(true)
    } finally {
      db.close()
    }
  })
})
