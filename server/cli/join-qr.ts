import { renderUnicodeCompact } from 'uqr'

/**
 * A QR code of `url` for a terminal: two rows of modules per line of half
 * blocks, light modules drawn, so on a terminal's usual dark background it
 * reads dark on light, as cameras expect. Two modules of quiet zone.
 */
export function joinQrCode(url: string): string {
  const code = renderUnicodeCompact(url, { border: 2 })
  const lines = code.split('\n').map((line) => `  ${line}`)
  return [`  Scan to join ${url}:`, ...lines].join('\n')
}
