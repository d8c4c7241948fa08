/** Idle runs: how many clients to measure, for each transport. */
export interface IdleRuns {
  websocket: number[]
  polling: number[]
}

/** `--idle websocket:5000,polling:1000`: a transport and a client count each; a bad term is an error naming it. */
export function parseIdleRuns(spec: string): IdleRuns {
  const runs: IdleRuns = { websocket: [], polling: [] }
  for (const term of spec.split(',')) {
    const [transport, count] = term.split(':')
    if (
      (transport !== 'websocket' && transport !== 'polling') ||
      !Number.isInteger(Number(count)) ||
      Number(count) <= 0
    ) {
      throw new Error(`--idle: expected websocket:<clients> or polling:<clients>, got "${term}"`)
    }
    runs[transport].push(Number(count))
  }
  return runs
}
