import type { ServerResponse } from 'node:http'

/** Ends a response with a line of text for a person: a refusal, or what is missing. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(`${text}\n`)
}

/** The answer to anything but GET or HEAD on a path that only serves. */
export function refuseUnlessRead(req: { method?: string }, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false
  sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
  return true
}
