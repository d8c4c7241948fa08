import type { IncomingMessage, ServerResponse } from 'node:http'
import type { OriginRule } from '../socket/access-control'

/**
 * CORS for a plain HTTP answer the app's page reads across origins: the
 * desktop app's `parley://app`, and a lab link's port. The same rule as
 * Socket.IO's, so no other page reads it.
 */
export function allowOrigin(req: IncomingMessage, res: ServerResponse, originAllowed: OriginRule): void {
  const origin = req.headers.origin
  if (origin !== undefined && originAllowed(req)) res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
}
