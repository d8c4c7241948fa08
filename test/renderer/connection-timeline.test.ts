import { describe, expect, it } from 'vitest'
import { packetBytes, utf8Length } from '../../src-renderer/src/lib/connection-timeline'

describe('packet sizes', () => {
  it.each([
    '',
    'ascii',
    'héllo',
    '日本語',
    'emoji 🎉 and 👩‍💻',
    '\ud800 lone surrogate',
    'end \ud83c',
    '\udc00 stray low',
    'x'.repeat(5000),
  ])('counts UTF-8 bytes of %j like TextEncoder does', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
  })

  it('adds the packet type byte to string and binary data', () => {
    expect(packetBytes({ data: '42["x"]' })).toBe(8)
    expect(packetBytes({ data: new Uint8Array(10) })).toBe(11)
    expect(packetBytes({})).toBe(1)
  })
})
