import { describe, expect, it } from 'vitest'
import { parseIdleRuns } from '../../bench/idle-runs'

describe('--idle', () => {
  it('reads a client count for each transport, in order', () => {
    expect(parseIdleRuns('websocket:5000,polling:1000,websocket:300')).toEqual({
      websocket: [5000, 300],
      polling: [1000],
    })
  })

  it('names the term it cannot read', () => {
    for (const term of ['ws:5000', 'polling', 'polling:0', 'websocket:1.5', 'websocket:many']) {
      expect(() => parseIdleRuns(`websocket:10,${term}`)).toThrow(
        `--idle: expected websocket:<clients> or polling:<clients>, got "${term}"`,
      )
    }
  })
})
