import type { IncomingMessage, ServerResponse } from 'node:http'
import { allowOrigin } from '../http/allow-origin'
import { refuseUnlessRead, sendText } from '../http/plain-text'
import type { OriginRule } from '../socket/access-control'
import type { StoredPicture } from './profile-pictures'

/**
 * Serves a profile picture. The app asks for each version at an address of
 * its own (`?v=`), so a browser may keep it for good; the type is the one its
 * bytes were checked as, and even opened directly it runs nothing.
 */
export function servePicture(
  req: IncomingMessage,
  res: ServerResponse,
  encodedKey: string,
  pictures: (key: string) => StoredPicture | undefined,
  originAllowed: OriginRule,
): void {
  // The desktop app's page fetches pictures across origins, as it does image previews.
  allowOrigin(req, res, originAllowed)
  if (refuseUnlessRead(req, res)) return
  let key: string
  try {
    key = decodeURIComponent(encodedKey)
  } catch {
    return sendText(res, 400, 'Not a name key')
  }
  const picture = pictures(key)
  if (!picture) return sendText(res, 404, 'No picture for this name')
  res.writeHead(200, {
    'Content-Type': picture.type,
    'Content-Length': String(picture.bytes.byteLength),
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, max-age=31536000, immutable',
    ETag: `"${picture.version}"`,
  })
  res.end(req.method === 'HEAD' ? undefined : picture.bytes)
}
