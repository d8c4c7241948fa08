import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createNetsim, type Netsim } from '../../netsim'
import { fileUrl, LIMITS, type Message } from '../../protocol'
import type { ParleyServer } from '../../server'
import { useConnectionStore } from '../../src-renderer/src/stores/connection'
import { useMessagesStore } from '../../src-renderer/src/stores/messages'
import { useSessionStore } from '../../src-renderer/src/stores/session'
import { useUploadsStore } from '../../src-renderer/src/stores/uploads'
import { loadAttachments, saveAttachments } from '../../src-renderer/src/platform/attachments'
import { keepBytes, loadBytes } from '../../src-renderer/src/platform/upload-bytes'
import { joinAs, makeDataDir, startServer, type TestClient } from '../helpers/server'

describe('uploads', () => {
  let server: ParleyServer
  let netsim: Netsim
  let data: ReturnType<typeof makeDataDir>
  let peer: TestClient
  const peerSaw: Message[] = []
  let leave = (): void => {}
  /** Ten chunks that differ at every position. */
  const bytes = new Uint8Array(Array.from({ length: 10 * LIMITS.fileChunkBytes - 5 }, (_, i) => (i * 13 + 1) % 253))

  beforeEach(async () => {
    data = makeDataDir()
    // Slow chunks, so the link can be cut halfway through.
    server = await startServer({ dataDir: data.dir, rateLimits: { fileChunksPerSecond: 4 } })
    netsim = await createNetsim({ target: server.url })
    peer = (await joinAs(server.url, 'Bob')).client
    peerSaw.length = 0
    peer.on('message:created', (message) => peerSaw.push(message))
  })
  afterEach(async () => {
    leave()
    peer.disconnect()
    await netsim.close()
    await server.close()
    data.remove()
  })

  async function join() {
    setActivePinia(createPinia())
    const app = {
      connection: useConnectionStore(),
      session: useSessionStore(),
      messages: useMessagesStore(),
      uploads: useUploadsStore(),
    }
    leave = () => app.session.leave()
    expect(await app.session.join('Ann', netsim.url)).toBe(true)
    await app.messages.loadLatest('general')
    return app
  }

  it('goes on from what the server has after the link drops, and sends the file whole with the next message', async () => {
    const app = await join()
    const done = app.uploads.attach('general', new File([bytes], 'data.csv', { type: 'text/csv' }))
    const upload = () => app.uploads.uploads['general']
    await expect.poll(() => upload()?.sent ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(2 * LIMITS.fileChunkBytes)
    netsim.setProfile('offline')
    await expect.poll(() => app.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    expect(upload()).toMatchObject({ state: 'uploading' })
    expect(upload()!.sent).toBeLessThan(bytes.length)
    // Nothing goes with a message before the file is whole.
    expect(app.uploads.take('general')).toBeUndefined()

    netsim.setProfile('clean')
    await done
    expect(upload()).toMatchObject({ state: 'done', sent: bytes.length })
    const file = app.uploads.take('general')!
    expect(file).toMatchObject({ name: 'data.csv', size: bytes.length, type: 'text/csv' })
    expect(app.uploads.uploads['general']).toBeUndefined()
    expect(await app.messages.send('general', '', file)).toBeNull()
    await expect.poll(() => peerSaw.map((m) => m.file?.name)).toEqual(['data.csv'])
    const downloaded = new Uint8Array(await (await fetch(fileUrl(server.url, file))).arrayBuffer())
    expect(Buffer.from(downloaded).equals(Buffer.from(bytes))).toBe(true)
  })

  it('sends again a chunk whose answer the dropped link lost, and the file arrives whole', async () => {
    // A slow link: each chunk is on its way for about 0.4 s, so one is in flight when the link drops.
    netsim.setProfile('latency=200')
    const app = await join()
    const small = bytes.subarray(0, 4 * LIMITS.fileChunkBytes)
    const done = app.uploads.attach('general', new File([small], 'small.bin'))
    await expect.poll(() => app.uploads.uploads['general']?.sent ?? 0, { timeout: 15_000 }).toBeGreaterThan(0)
    netsim.setProfile('offline')
    await expect.poll(() => app.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    netsim.setProfile('clean')
    await done
    expect(app.uploads.uploads['general']).toMatchObject({ state: 'done', sent: small.length })
    expect(await app.messages.send('general', '', app.uploads.take('general'))).toBeNull()
    await expect.poll(() => peerSaw.map((m) => m.file?.size)).toEqual([small.length])
  })

  it('keeps a finished attachment across a reload, for as long as the server keeps the file', async () => {
    const app = await join()
    const small = bytes.subarray(0, LIMITS.fileChunkBytes)
    await app.uploads.attach('general', new File([small], 'notes.txt', { type: 'text/plain' }))
    const { fileId } = app.uploads.uploads['general']!
    // An hour-old one in another room (its upload began longer ago than the server keeps unsent files).
    const key = `${netsim.url}|Ann`
    saveAttachments(key, {
      ...loadAttachments(key),
      'old-room': {
        file: { id: 'f'.repeat(32), name: 'old.txt', size: 3, type: 'text/plain' },
        since: Date.now() - LIMITS.fileUnsentTtlMs,
        whole: true,
      },
    })
    leave()

    // The page again, as after a reload: the attachment is there, ready, and goes with the next message.
    const again = await join()
    expect(again.uploads.uploads).toEqual({
      general: {
        name: 'notes.txt',
        size: small.length,
        type: 'text/plain',
        sent: small.length,
        fileId,
        since: expect.any(Number),
        state: 'done',
      },
    })
    expect(await again.messages.send('general', 'the notes', again.uploads.take('general'))).toBeNull()
    await expect.poll(() => peerSaw.map((m) => [m.text, m.file?.name])).toEqual([['the notes', 'notes.txt']])
    // Sent: not attached again after the next reload.
    leave()
    expect((await join()).uploads.uploads).toEqual({})
  })

  it('goes on after a reload with an upload halfway, from what the server has, and the file arrives whole', async () => {
    const app = await join()
    void app.uploads.attach('general', new File([bytes], 'data.csv', { type: 'text/csv' }))
    await expect
      .poll(() => app.uploads.uploads['general']?.sent ?? 0, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2 * LIMITS.fileChunkBytes)
    const { fileId } = app.uploads.uploads['general']!
    leave()

    const again = await join()
    expect(again.uploads.uploads['general']).toMatchObject({ fileId, name: 'data.csv', state: 'uploading' })
    await expect.poll(() => again.uploads.uploads['general']?.state, { timeout: 15_000 }).toBe('done')
    const file = again.uploads.take('general')!
    expect(file).toEqual({ id: fileId, name: 'data.csv', size: bytes.length, type: 'text/csv' })
    expect(await again.messages.send('general', '', file)).toBeNull()
    const downloaded = new Uint8Array(await (await fetch(fileUrl(server.url, file))).arrayBuffer())
    expect(Buffer.from(downloaded).equals(Buffer.from(bytes))).toBe(true)
  })

  it('sweeps the kept bytes no upload will resume, and spares those one may', async () => {
    const key = `${netsim.url}|Ann`
    const minutesAgo = async (minutes: number, bytesKey: string) => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - minutes * 60_000 })
      try {
        await keepBytes(bytesKey, new Blob(['x']))
      } finally {
        vi.useRealTimers()
      }
    }
    // This name's: the page went before the server took the file on, or, just now, another tab's first answer is on its way.
    await minutesAgo(2, `${key}|lost-room`)
    await minutesAgo(0, `${key}|fresh-room`)
    // Another server's, never joined again: past the hour the server keeps an unsent file, or not yet.
    await minutesAgo(61, 'http://10.0.0.9:3000|Bob|general')
    await minutesAgo(10, 'http://10.0.0.9:3000|Bob|lab')

    await join()
    await expect.poll(() => loadBytes(`${key}|lost-room`)).toBeUndefined()
    await expect.poll(() => loadBytes('http://10.0.0.9:3000|Bob|general')).toBeUndefined()
    expect(await loadBytes(`${key}|fresh-room`)).toBeInstanceOf(Blob)
    expect(await loadBytes('http://10.0.0.9:3000|Bob|lab')).toBeInstanceOf(Blob)
  })

  it('stops an upload that is cancelled, and refuses a message with neither words nor a file', async () => {
    const app = await join()
    const done = app.uploads.attach('general', new File([bytes], 'big.bin'))
    await expect.poll(() => app.uploads.uploads['general']?.sent ?? 0, { timeout: 10_000 }).toBeGreaterThan(0)
    app.uploads.cancel('general')
    await done
    expect(app.uploads.uploads['general']).toBeUndefined()
    expect(await app.messages.send('general', '  ')).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'Message must not be empty',
    })
  })
})
