import { describe, expect, it, vi } from 'vitest'
import { fileUrl, LIMITS, type Message } from '../../protocol'
import { waitForEvent } from '../helpers/server'
import { sendMessage, uploadFile } from '../helpers/request'
import { joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

/** The little of IndexedDB `keptBytesStore` uses: these tests are typed without the DOM's types. */
interface IdbRequest<T> {
  result: T
  error: unknown
  onsuccess: (() => void) | null
  onerror: (() => void) | null
}
interface IdbStore {
  put(value: unknown, key: string): IdbRequest<unknown>
  getAllKeys(): IdbRequest<unknown>
}
interface Idb {
  open(name: string): IdbRequest<{ transaction(store: string, mode: string): { objectStore(name: string): IdbStore } }>
}

/**
 * In the page, on the web client's store of upload bytes (IndexedDB): puts an
 * entry kept long ago under `plant`, or, without, lists the keys. Whole, as
 * the page runs it on its own.
 */
function keptBytesStore(plant?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const opened = (globalThis as unknown as { indexedDB: Idb }).indexedDB.open('parley-upload-bytes')
    opened.onerror = () => reject(opened.error)
    opened.onsuccess = () => {
      const files = opened.result.transaction('files', 'readwrite').objectStore('files')
      const request = plant ? files.put({ bytes: new Blob(['x']), keptAt: 0 }, plant) : files.getAllKeys()
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    }
  })
}

describe('files in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)
  /** Several chunks' worth of bytes that differ at every position. */
  const bytes = Buffer.from(Array.from({ length: 3 * LIMITS.fileChunkBytes + 123 }, (_, i) => (i * 31 + 7) % 251))

  it('uploads a chosen file, sends it with no words, and everyone gets the same bytes', async () => {
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.getByTestId('file-input').setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: bytes })
    const upload = ann.getByTestId('file-upload')
    await expectPage(upload).toHaveAttribute('data-state', 'done')
    await expectPage(upload).toHaveText(/plan\.pdf\s*98\.4 kB\s*ready to send/)

    const arrived = waitForEvent(lan.bob, 'message:created')
    await ann.getByTestId('composer-send').click()
    await expectPage(upload).toHaveCount(0)
    const sent = ann.getByTestId('message').last()
    await expectPage(sent.getByTestId('message-file')).toHaveText(/plan\.pdf\s*98\.4 kB/)
    await expectPage(sent).toHaveAttribute('data-state', 'sent')
    const [message] = (await arrived) as [Message]
    expect(message).toMatchObject({ author: 'Ann', text: '', file: { name: 'plan.pdf', size: bytes.length } })
    const href = fileUrl(lan.server.url, message.file!)
    await expectPage(sent.getByTestId('message-file')).toHaveAttribute('href', href)
    expect(Buffer.from(await (await fetch(href)).arrayBuffer()).equals(bytes)).toBe(true)

    // Found by its name, which the result shows with the words marked.
    await ann.getByTestId('search-open').click()
    await ann.getByTestId('search-input').fill('plan')
    await ann.getByTestId('search-input').press('Enter')
    await expectPage(ann.getByTestId('search-result')).toHaveCount(1)
    await expectPage(ann.getByTestId('search-result-file')).toHaveText(/^📎\s*plan\.pdf$/)
    await expectPage(ann.locator('[data-testid=search-result-file] mark')).toHaveText('plan')
    // With has:file, only messages with a file: not the plan's words in a message of text.
    await say(ann, 'the plan is in the file above')
    await ann.getByTestId('search-input').fill('plan')
    await ann.getByTestId('search-input').press('Enter')
    await expectPage(ann.getByTestId('search-result')).toHaveCount(2)
    await ann.getByTestId('search-input').fill('plan has:file')
    await ann.getByTestId('search-input').press('Enter')
    await expectPage(ann.getByTestId('search-result')).toHaveCount(1)
    await expectPage(ann.getByTestId('search-result-file')).toHaveText(/^📎\s*plan\.pdf$/)
  })

  it('keeps a file attached and its words across a reload, and sends them together', async () => {
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.getByTestId('file-input').setInputFiles({ name: 'minutes.txt', mimeType: 'text/plain', buffer: bytes })
    await expectPage(ann.getByTestId('file-upload')).toHaveAttribute('data-state', 'done')
    await ann.getByTestId('composer-input').fill('minutes of today')
    await ann.reload()
    await expectPage(ann.getByTestId('file-upload')).toHaveText(/minutes\.txt\s*98\.4 kB\s*ready to send/)
    await expectPage(ann.getByTestId('composer-input')).toHaveValue('minutes of today')

    const arrived = waitForEvent(lan.bob, 'message:created')
    await ann.getByTestId('composer-send').click()
    const [message] = (await arrived) as [Message]
    expect(message).toMatchObject({ text: 'minutes of today', file: { name: 'minutes.txt', size: bytes.length } })
    await expectPage(ann.getByTestId('file-upload')).toHaveCount(0)
  })

  it('goes on with an upload a reload cut short, from what the server has, and the file arrives whole', async () => {
    // 8 MiB: about two seconds of chunks at the server's 128 a second, so the reload comes halfway.
    const big = Buffer.from(Array.from({ length: 8 * 1024 * 1024 }, (_, i) => (i * 7 + 3) % 249))
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await ann
      .getByTestId('file-input')
      .setInputFiles({ name: 'dump.bin', mimeType: 'application/octet-stream', buffer: big })
    const upload = ann.getByTestId('file-upload')
    // A megabyte or more up, and most of it still to go.
    const progress = ann.getByTestId('file-progress')
    await vi.waitFor(async () => expect(Number(await progress.getAttribute('value'))).toBeGreaterThan(1_000_000), {
      timeout: 10_000,
      interval: 50,
    })
    // Bytes a page kept for a server it never joined again, hours ago: swept by the next join.
    await ann.evaluate(keptBytesStore, 'http://10.0.0.9:3000|Bob|lab')
    await ann.reload()
    await expectPage(upload).toHaveAttribute('data-state', 'done')
    await expectPage(upload).toHaveText(/dump\.bin\s*8\.4 MB\s*ready to send/)
    // Whole: its bytes are no longer kept either.
    await vi.waitFor(async () => expect(await ann.evaluate(keptBytesStore, undefined)).toEqual([]), {
      timeout: 5000,
      interval: 50,
    })

    const arrived = waitForEvent(lan.bob, 'message:created')
    await ann.getByTestId('composer-send').click()
    const [message] = (await arrived) as [Message]
    expect(message.file).toMatchObject({ name: 'dump.bin', size: big.length })
    expect(Buffer.from(await (await fetch(fileUrl(lan.server.url, message.file!))).arrayBuffer()).equals(big)).toBe(
      true,
    )
  })

  it('previews an image in a box of its own, shows it over the window when clicked, and nothing for a file that only claims to be one', async () => {
    // A 1×1 PNG, a "PNG" that is not one, and a PDF.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    )
    for (const [name, content, type] of [
      ['dot.png', png, 'image/png'],
      ['fake.png', Buffer.from('not an image at all'), 'image/png'],
      ['plan.pdf', bytes, 'application/pdf'],
    ] as const) {
      const fileId = await uploadFile(lan.bob, content, { name, type })
      const sent = await sendMessage(lan.bob, { roomId: 'general', text: '', fileId })
      if (!('data' in sent)) throw new Error(sent.message)
    }
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const files = ann.getByTestId('message-file')
    await expectPage(files).toHaveCount(3)
    const image = files.nth(0).getByTestId('message-image')
    await expectPage(image).toBeVisible()
    await expectPage(image).toHaveAttribute('src', /^blob:/)
    expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1)
    // The box is there before the image is, so nothing moves when it arrives.
    expect(await files.nth(1).locator('.file-preview').count()).toBe(1)
    await expectPage(files.nth(1).getByTestId('message-image')).toHaveCount(0)
    await expectPage(files.nth(2).locator('.file-preview')).toHaveCount(0)

    // Clicked, the image shows over the window from the same copy, with a way to download it; Esc closes it.
    const src = await image.getAttribute('src')
    await image.click()
    const viewer = ann.getByTestId('image-viewer')
    await expectPage(viewer).toBeVisible()
    await expectPage(ann.getByTestId('image-viewer-image')).toHaveAttribute('src', src!)
    const href = await files.nth(0).getAttribute('href')
    await expectPage(ann.getByTestId('image-viewer-download')).toHaveAttribute('href', href!)
    await expect.poll(() => ann.evaluate('document.activeElement?.dataset.testid')).toBe('image-viewer-close')
    await ann.keyboard.press('Escape')
    await expectPage(viewer).toHaveCount(0)
    // Back on the link the image is in.
    await expect.poll(() => ann.evaluate('document.activeElement?.dataset.testid')).toBe('message-file')
    await image.click()
    await ann.getByTestId('image-viewer-close').click()
    await expectPage(viewer).toHaveCount(0)

    // From the keyboard: the link downloads, and the button after it shows the image; only a preview that loaded has one.
    await expectPage(ann.getByTestId('message-image-view')).toHaveCount(1)
    await files.nth(0).focus()
    await ann.keyboard.press('Tab')
    await expect.poll(() => ann.evaluate('document.activeElement?.dataset.testid')).toBe('message-image-view')
    await ann.keyboard.press('Enter')
    await expectPage(ann.getByTestId('image-viewer-image')).toHaveAttribute('src', src!)
    await ann.keyboard.press('Escape')
    await expectPage(viewer).toHaveCount(0)
    await expect.poll(() => ann.evaluate('document.activeElement?.dataset.testid')).toBe('message-image-view')
  })

  it('plays a sound file in its message once asked, from the same bytes the link downloads', async () => {
    // Half a second of a 440 Hz tone: 8 kHz, 16-bit, mono WAV.
    const samples = 4000
    const wav = Buffer.alloc(44 + samples * 2)
    wav.write('RIFF', 0)
    wav.writeUInt32LE(36 + samples * 2, 4)
    wav.write('WAVEfmt ', 8)
    wav.writeUInt32LE(16, 16)
    wav.writeUInt16LE(1, 20)
    wav.writeUInt16LE(1, 22)
    wav.writeUInt32LE(8000, 24)
    wav.writeUInt32LE(16000, 28)
    wav.writeUInt16LE(2, 32)
    wav.writeUInt16LE(16, 34)
    wav.write('data', 36)
    wav.writeUInt32LE(samples * 2, 40)
    for (let i = 0; i < samples; i++)
      wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), 44 + i * 2)
    const fileId = await uploadFile(lan.bob, wav, { name: 'standup.wav', type: 'audio/wav' })
    await sendMessage(lan.bob, { roomId: 'general', text: 'from the standup', fileId })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const sent = ann.getByTestId('message').last()
    await expectPage(sent.getByTestId('message-file')).toHaveText(/standup\.wav/)
    // Nothing is fetched until asked.
    await expectPage(sent.getByTestId('message-audio')).toHaveCount(0)
    await sent.getByTestId('message-media-play').click()
    await expectPage(sent.getByTestId('message-audio')).toHaveCount(1)
    const duration = `(() => {
      const audio = document.querySelector('[data-testid=message-audio]')
      return audio && audio.src.startsWith('blob:') && audio.readyState >= 1 ? Math.round(audio.duration * 10) / 10 : null
    })()`
    await expect.poll(() => ann.evaluate(duration)).toBe(0.5)
  })

  it('plays a video file in its message once asked', async () => {
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    // A short WebM, recorded by the page from a canvas.
    const recorded = (await ann.evaluate(`(async () => {
      const canvas = document.createElement('canvas')
      canvas.width = 64
      canvas.height = 48
      const context = canvas.getContext('2d')
      const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' })
      const parts = []
      recorder.ondataavailable = (event) => parts.push(event.data)
      const stopped = new Promise((resolve) => (recorder.onstop = resolve))
      recorder.start()
      for (let frame = 0; frame < 12; frame++) {
        context.fillStyle = frame % 2 ? '#06c' : '#c60'
        context.fillRect(0, 0, 64, 48)
        await new Promise((resolve) => setTimeout(resolve, 40))
      }
      recorder.stop()
      await stopped
      const bytes = new Uint8Array(await new Blob(parts).arrayBuffer())
      let text = ''
      for (const byte of bytes) text += String.fromCharCode(byte)
      return btoa(text)
    })()`)) as string
    await ann.getByTestId('file-input').setInputFiles({
      name: 'demo.webm',
      mimeType: 'video/webm',
      buffer: Buffer.from(recorded, 'base64'),
    })
    await expectPage(ann.getByTestId('file-upload')).toHaveAttribute('data-state', 'done')
    await ann.getByTestId('composer-send').click()
    const sent = ann.getByTestId('message').last()
    await sent.getByTestId('message-media-play').click()
    await expectPage(sent.getByTestId('message-video')).toHaveCount(1)
    const size = `(() => {
      const video = document.querySelector('[data-testid=message-video]')
      return video && video.src.startsWith('blob:') && video.readyState >= 1 ? [video.videoWidth, video.videoHeight] : null
    })()`
    await expect.poll(() => ann.evaluate(size)).toEqual([64, 48])
  })

  it('shows a file someone sent as a download link with its name as text, and refuses one too big', async () => {
    const name = '<img src=x onerror=alert(1)>.txt'
    const fileId = await uploadFile(lan.bob, bytes, { name, type: 'text/html' })
    const sent = await sendMessage(lan.bob, { roomId: 'general', text: 'the *notes*', fileId })
    if (!('data' in sent)) throw new Error(sent.message)
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const link = ann.getByTestId('message').last().getByTestId('message-file')
    await expectPage(link).toHaveText(/<img src=x onerror=alert\(1\)>\.txt\s*98\.4 kB/)
    await expectPage(link).toHaveAttribute('download', name)
    await expectPage(ann.locator('img[src="x"]')).toHaveCount(0)
    // The page can fetch it as the browser would download it: whole, and as an attachment.
    const fetched = await ann.evaluate(`fetch(${JSON.stringify(fileUrl(lan.server.url, { id: fileId }))}).then(
      async (r) => [r.headers.get('content-disposition'), (await r.arrayBuffer()).byteLength])`)
    expect(fetched).toEqual([expect.stringMatching(/^attachment; /), bytes.length])

    await ann.getByTestId('file-input').setInputFiles({
      name: 'huge.iso',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(LIMITS.fileMaxBytes + 1),
    })
    await expectPage(ann.getByTestId('file-error')).toHaveText('File must be at most 16 MiB')
    await expectPage(ann.getByTestId('composer-send')).toHaveAttribute('disabled', '')
    await ann.getByTestId('file-cancel').click()
    await expectPage(ann.getByTestId('file-upload')).toHaveCount(0)
  })
})
