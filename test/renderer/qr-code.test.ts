import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import jsQR from 'jsqr'
import QrCode from '../../src-renderer/src/components/QrCode.vue'

/** What a camera would see: the drawn squares, `scale` pixels a module, black on white. */
function pixelsOf(d: string, size: number, scale = 4): Uint8ClampedArray {
  const width = size * scale
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255)
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4
        pixels.fill(0, at, at + 3)
      }
    }
  }
  return pixels
}

describe('QR code', () => {
  it.each(['http://192.168.1.20:3000/', 'http://[fe80::1]:41234/', 'http://10.0.0.5:3000/?x=ä'])(
    'draws a code that scans back to %s, with a quiet zone around it',
    (url) => {
      const wrapper = mount(QrCode, { props: { text: url } })
      const svg = wrapper.get('[data-testid=qr-code]')
      expect(svg.attributes('data-text')).toBe(url)
      expect(svg.attributes('aria-label')).toBe(`QR code for ${url}`)
      const size = Number(svg.attributes('viewBox')!.split(' ')[2])
      const d = wrapper.get('path').attributes('d')!
      // Nothing drawn in the four modules around the code.
      for (const [, x, y] of d.matchAll(/M(\d+) (\d+)/g)) {
        expect(Math.min(Number(x), Number(y))).toBeGreaterThanOrEqual(4)
        expect(Math.max(Number(x), Number(y))).toBeLessThan(size - 4)
      }
      const scale = 4
      const decoded = jsQR(pixelsOf(d, size, scale), size * scale, size * scale)
      expect(decoded?.data).toBe(url)
    },
  )
})
