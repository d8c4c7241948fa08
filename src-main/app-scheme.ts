import { extname, join, normalize, sep } from 'node:path'

/**
 * The renderer is served from `parley://app/`, not file://: it gets a real
 * origin the LAN server can allow in CORS, and file:// stays out of reach.
 * Not marked secure, so the page may reach http:// servers on the LAN.
 */
import { DESKTOP_APP_ORIGIN } from '../protocol'

export const APP_SCHEME = 'parley'
export const APP_HOST = 'app'
export const APP_ORIGIN = DESKTOP_APP_ORIGIN
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** The file under `root` that an app URL names, or null for anything outside it or another host. */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const file = normalize(join(root, path === '/' ? 'index.html' : path))
  const base = normalize(root.endsWith(sep) ? root : root + sep)
  return file.startsWith(base) ? file : null
}

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}
