import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { allowOrigin } from '../http/allow-origin'
import { refuseUnlessRead, sendText } from '../http/plain-text'
import type { OriginRule } from '../socket/access-control'
import type { StoredFile } from './file-store'

/** `/files/<id>`: a sent file's download. */
export const FILE_PATH = /^\/files\/([0-9a-f]{32})$/

/** Finds a sent file's bytes by id; null when there is none to download. */
export type FileLookup = (id: string) => { path: string; file: StoredFile } | null

/**
 * The header that makes every file a download, whatever its type: a page
 * someone uploads as text/html never runs as this server's. An ASCII name
 * for old clients, and the real one in RFC 5987 form.
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/**
 * Serves a sent file. Its link is its id, 128 random bits: whoever can see
 * the message can download it, and nobody can guess one.
 */
export function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  found: ReturnType<FileLookup>,
  originAllowed: OriginRule,
): void {
  // The desktop app's page (and a lab link's) fetches image previews across origins.
  allowOrigin(req, res, originAllowed)
  if (refuseUnlessRead(req, res)) return
  if (!found) return sendText(res, 404, 'No such file: it was deleted, or never sent')
  const { path, file } = found
  const headers = {
    'Content-Type': file.type,
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(file.name),
    // Even opened directly, it runs nothing and loads nothing.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-cache',
  }
  if (req.method === 'HEAD') {
    res.writeHead(200, headers)
    res.end()
    return
  }
  const stream = createReadStream(path)
  stream.once('open', () => {
    res.writeHead(200, headers)
    stream.pipe(res)
  })
  stream.once('error', () => {
    // Gone from the disk between the lookup and the read (deleted just then).
    if (!res.headersSent) sendText(res, 404, 'No such file')
    else res.destroy()
  })
}
