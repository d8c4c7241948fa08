import type { IncomingMessage, ServerResponse } from 'node:http'
import { ProfileError } from '../../netsim'
import type { LabLinks } from './lab-links'

const LINK_PROFILE = /^\/lab\/links\/([0-9a-f]{24})\/profile$/

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}

function readBody(req: IncomingMessage, limit = 256): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > limit) reject(new ProfileError('profile too long'))
    })
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/**
 * `POST /lab/links` opens a link; `POST /lab/links/<id>/profile` switches it.
 * Returns false for any other path, or when lab mode is off (then 404s follow).
 */
export function handleLabRoute(
  links: LabLinks | null,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): boolean {
  if (!path.startsWith('/lab/')) return false
  if (!links) {
    reply(res, 404, { error: 'Lab mode is off: start the server with --lab to give each web client its own link' })
    return true
  }
  if (req.method !== 'POST') {
    reply(res, 405, { error: 'Use POST' })
    return true
  }
  const hostname = new URL(`http://${req.headers.host ?? '127.0.0.1'}`).hostname.replace(/^\[|\]$/g, '')
  if (path === '/lab/links') {
    links.create(hostname).then(
      (link) => reply(res, 201, link),
      (error: unknown) => reply(res, 500, { error: String(error) }),
    )
    return true
  }
  const match = LINK_PROFILE.exec(path)
  if (!match) return false
  readBody(req)
    .then((spec) => {
      const profile = links.setProfile(match[1]!, spec)
      if (profile === null) reply(res, 404, { error: 'No such link' })
      else reply(res, 200, { profile })
    })
    .catch((error: unknown) => reply(res, 400, { error: (error as Error).message }))
  return true
}
