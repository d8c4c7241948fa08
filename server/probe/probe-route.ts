import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ProbePollAnswer } from '../../protocol'
import { allowOrigin } from '../http/allow-origin'
import { sendJson } from '../http/json'
import { refuseUnlessRead } from '../http/plain-text'
import type { OriginRule } from '../socket/access-control'
import type { ProbeChannels } from './probe-channels'

/**
 * A short poll: `GET /probe/<channel>?after=<seq>` answers the channel's kept
 * probes after the cursor, at once, whether or not there are any. The
 * channel's random id is the only key, as a file's is; the answer holds
 * sequence numbers and nothing else.
 */
export function serveProbePoll(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  channels: ProbeChannels,
  originAllowed: OriginRule,
): void {
  allowOrigin(req, res, originAllowed)
  if (refuseUnlessRead(req, res)) return
  const after = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? 0)
  if (!Number.isInteger(after) || after < 0) return sendJson(res, 400, { error: 'after must be a whole number ≥ 0' })
  const seqs = channels.after(channel, after)
  if (!seqs) return sendJson(res, 404, { error: 'No such probe channel: it closed with its sender' })
  sendJson(res, 200, { seqs } satisfies ProbePollAnswer)
}
