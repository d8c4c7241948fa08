import type { ServerResponse } from 'node:http'

/** Ends a response with a JSON body that nothing between may keep: answers about now. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}
