import { describe, expect, it } from 'vitest'
import { LIMITS, picturePath } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { joinAs, waitForEvent } from '../helpers/server'

/** A PNG's signature and then some bytes: the server tells a type by the start, and never decodes. */
const png = (fill = 1): Uint8Array =>
  Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, fill, fill, fill])
const webp = Uint8Array.from(
  [...'RIFF']
    .map((c) => c.charCodeAt(0))
    .concat(
      [9, 0, 0, 0],
      [...'WEBPVP8 '].map((c) => c.charCodeAt(0)),
    ),
)

describe('profile pictures', () => {
  const t = useServerFixture()
  const { join } = t

  it('shows a picture to everyone at once, at its own address, and to whoever joins later', async () => {
    await t.start()
    const ann = await join('Ann')
    const bob = await join('Bob')
    const told = waitForEvent(bob, 'person:picture')
    const set = await request(ann, 'person:picture', { image: png() })
    if (!('data' in set) || set.data === null) throw new Error('no version')
    expect((await told)[0]).toEqual({ name: 'Ann', version: set.data })

    const response = await fetch(`${t.server.url}${picturePath('ann', set.data)}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png())
    expect((await joinAs(t.server.url, 'Cy')).joined.pictures).toEqual({ ann: set.data })

    // A new one is a new version; WebP too.
    const again = await request(ann, 'person:picture', { image: webp })
    if (!('data' in again) || again.data === null) throw new Error('no version')
    expect(again.data).toBeGreaterThan(set.data)
    const newer = await fetch(`${t.server.url}${picturePath('ann', again.data)}`)
    expect(newer.headers.get('content-type')).toBe('image/webp')

    const gone = waitForEvent(bob, 'person:picture')
    expect(await request(ann, 'person:picture', { image: null })).toEqual({ data: null })
    expect((await gone)[0]).toEqual({ name: 'Ann', version: null })
    expect((await fetch(`${t.server.url}${picturePath('ann', again.data)}`)).status).toBe(404)
    expect((await joinAs(t.server.url, 'Dee')).joined).not.toHaveProperty('pictures')
  })

  it('refuses what is not a small image, and keeps the picture there was', async () => {
    await t.start()
    const ann = await join('Ann')
    const set = await request(ann, 'person:picture', { image: png(7) })
    if (!('data' in set) || set.data === null) throw new Error('no version')
    const page = new TextEncoder().encode('<html><script>alert(1)</script></html>')
    expect(await request(ann, 'person:picture', { image: page })).toEqual({
      error: 'INVALID_PAYLOAD',
      message: 'A picture must be a PNG, JPEG or WebP image',
    })
    const large = new Uint8Array(LIMITS.pictureMaxBytes + 1)
    large.set(png())
    expect(await request(ann, 'person:picture', { image: large })).toMatchObject({
      error: 'INVALID_PAYLOAD',
      message: expect.stringMatching(/KiB/),
    })
    expect(await request(ann, 'person:picture', { image: 'data:image/png;base64,AAAA' } as never)).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
    const kept = await fetch(`${t.server.url}${picturePath('ann', set.data)}`)
    expect(new Uint8Array(await kept.arrayBuffer())).toEqual(png(7))
    // Four asked so far; a fifth is taken, a sixth within ten seconds waits: each change goes to everyone.
    expect(await request(ann, 'person:picture', { image: png(8) })).toEqual({ data: expect.any(Number) })
    expect(await request(ann, 'person:picture', { image: png(9) })).toMatchObject({ error: 'RATE_LIMITED' })
    expect((await fetch(`${t.server.url}/pictures/%E0%A4%A`)).status).toBe(400)
    expect((await fetch(`${t.server.url}/pictures/nobody`)).status).toBe(404)
  })

  it('keeps pictures across a restart, and gives the next one a later version', async () => {
    await t.start()
    const set = await request(await join('Ann'), 'person:picture', { image: png(3) })
    if (!('data' in set) || set.data === null) throw new Error('no version')
    await t.stop()
    await t.start()
    expect((await joinAs(t.server.url, 'Bob')).joined.pictures).toEqual({ ann: set.data })
    const kept = await fetch(`${t.server.url}${picturePath('ANN', set.data)}`)
    expect(kept.status).toBe(404)
    const read = await fetch(`${t.server.url}${picturePath('ann', set.data)}`)
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(png(3))
    const next = await request(await join('Ann'), 'person:picture', { image: png(4) })
    expect(next).toEqual({ data: expect.any(Number) })
    expect((next as { data: number }).data).toBeGreaterThan(set.data)
  })
})
