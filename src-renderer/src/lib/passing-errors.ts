/**
 * Answers that say nothing about the request itself, only about the
 * connection or the server's load at the time: worth asking again.
 */
export const PASSING_ERRORS: ReadonlySet<string> = new Set([
  'TIMEOUT',
  'DISCONNECTED',
  'NOT_JOINED',
  'INTERNAL',
  'RATE_LIMITED',
])
