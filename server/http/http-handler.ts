import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import sirv from 'sirv'
import { LIMITS, PICTURE_PATH, PROBE_POLL_PATH, type HealthReport, type HistoryPage } from '../../protocol'
import type { LabLinks } from '../lab/lab-links'
import { handleLabRoute } from '../lab/lab-routes'
import { FILE_PATH, serveFile, type FileLookup } from '../files/file-route'
import type { OriginRule } from '../socket/access-control'
import type { ProbeChannels } from '../probe/probe-channels'
import { serveProbePoll } from '../probe/probe-route'
import type { StoredPicture } from '../presence/profile-pictures'
import { servePicture } from '../presence/picture-route'
import { allowOrigin } from './allow-origin'
import { sendJson } from './json'
import { refuseUnlessRead, sendText } from './plain-text'
import { setSecurityHeaders } from './security-headers'

export interface HttpHandlerOptions {
  /** The built renderer (out/renderer), served at `/`; null to serve no web client. */
  webRoot: string | null
  health: () => HealthReport
  /** Lab mode's per-client links, or null when lab mode is off (they exist once the server listens). */
  lab: () => LabLinks | null
  /** Public rooms' history for plain-HTTP polling, or null when that is off. */
  history: ((roomId: string, after: number, limit: number) => HistoryPage | null) | null
  /** Sent files, for download. */
  files: FileLookup
  /** The transport comparison's channels, for short polling. */
  probes: ProbeChannels
  /** Profile pictures, by name key. */
  pictures: (key: string) => StoredPicture | undefined
  /** Which cross-origin pages may read a file (image previews in the desktop app) or a short poll. */
  originAllowed: OriginRule
}

const HISTORY_PATH = /^\/api\/rooms\/([a-z0-9-]{1,32})\/messages$/

/**
 * The build names every script and style after its content (`/assets/index-<hash>.js`),
 * so a browser may keep them for good; the page that names them is checked on every load.
 */
export function webClientCacheControl(path: string): string {
  return path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void

/** Serves `/healthz` and the web client. Socket.IO answers its own path before this runs. */
export function createHttpHandler({
  webRoot,
  health,
  lab: labLinks,
  history,
  files,
  probes,
  pictures,
  originAllowed,
}: HttpHandlerOptions): RequestHandler {
  const hasWebClient = webRoot !== null && existsSync(join(webRoot, 'index.html'))
  const serveStatic = hasWebClient
    ? sirv(webRoot, {
        etag: true,
        dotfiles: false,
        single: true,
        // The build's .br and .gz copies (electron.vite.config.ts), to browsers that accept them.
        brotli: true,
        gzip: true,
        setHeaders: (res, path) => res.setHeader('Cache-Control', webClientCacheControl(path)),
      })
    : null

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const lab = labLinks()
    const hostname = lab ? new URL(`http://${req.headers.host ?? '127.0.0.1'}`).hostname : null
    setSecurityHeaders(res, hostname)
    if (handleLabRoute(lab, req, res, path)) return
    if (path === '/healthz') {
      // Read by the desktop app's join screen too, across origins, to show the server before joining.
      allowOrigin(req, res, originAllowed)
      return sendJson(res, 200, health())
    }
    const fileRoute = FILE_PATH.exec(path)
    if (fileRoute) {
      serveFile(req, res, files(fileRoute[1]!), originAllowed)
      return
    }
    const historyRoute = HISTORY_PATH.exec(path)
    if (historyRoute && history && req.method === 'GET') {
      const query = new URL(req.url ?? '/', 'http://x').searchParams
      const after = Number(query.get('after') ?? 0)
      const limit = Number(query.get('limit') ?? LIMITS.historyPageMax)
      const valid =
        Number.isInteger(after) && after >= 0 && Number.isInteger(limit) && limit >= 1 && limit <= LIMITS.historyPageMax
      const page = valid ? history(historyRoute[1]!, after, limit) : null
      return sendJson(
        res,
        page ? 200 : valid ? 404 : 400,
        page ?? { error: valid ? 'No such public room' : `after must be an id ≥ 0, limit 1–${LIMITS.historyPageMax}` },
      )
    }
    const pictureRoute = PICTURE_PATH.exec(path)
    if (pictureRoute) return servePicture(req, res, pictureRoute[1]!, pictures, originAllowed)
    const probeRoute = PROBE_POLL_PATH.exec(path)
    if (probeRoute) return serveProbePoll(req, res, probeRoute[1]!, probes, originAllowed)
    if (refuseUnlessRead(req, res)) return
    if (!serveStatic) {
      sendText(res, 503, 'The web client is not built. Run `npm run build`, then restart the server.')
      return
    }
    serveStatic(req, res, () => sendText(res, 404, 'Not found'))
  }
}
