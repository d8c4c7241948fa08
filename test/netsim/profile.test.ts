import { describe, expect, it } from 'vitest'
import { NETSIM_PRESETS } from '../../protocol'
import { CLEAN, describeProfile, parseProfile } from '../../netsim'

describe('netsim profiles', () => {
  it.each([
    ['clean', {}],
    ['block-websocket', { blockWebsocket: true }],
    ['kill-websocket-after=2.5', { killWebsocketAfterMs: 2500 }],
    ['latency=200', { latencyMs: 200 }],
    ['latency=200,jitter=50', { latencyMs: 200, jitterMs: 50 }],
    ['bandwidth=64', { bandwidthKbps: 64 }],
    ['flaky=0.25', { flaky: 0.25 }],
    ['offline', { offline: true }],
    [' Latency=100 + block-websocket + flaky=0.1 ', { latencyMs: 100, blockWebsocket: true, flaky: 0.1 }],
  ])('parses %s', (spec, expected) => {
    expect(parseProfile(spec)).toEqual({ ...CLEAN, ...expected })
  })

  it('round-trips every preset through its canonical spelling', () => {
    for (const { profile } of NETSIM_PRESETS) expect(describeProfile(parseProfile(profile))).toBe(profile)
    expect(describeProfile(parseProfile('flaky=0.1+latency=5+block-websocket'))).toBe(
      'block-websocket+latency=5+flaky=0.1',
    )
  })

  it.each([
    ['', /^empty profile: expected clean, block-websocket/],
    ['slow', /^unknown profile "slow": expected clean, block-websocket, kill-websocket-after=<s>/],
    ['latency', /^invalid value in "latency": expected a number from 0 to 60000$/],
    ['latency=-5', /^invalid value in "latency=-5"/],
    ['latency=10,wobble=3', /^invalid "latency=10,wobble=3": expected latency=<ms>\[,jitter=<ms>\]$/],
    ['flaky=1.5', /^invalid value in "flaky=1.5": expected a number from 0 to 1$/],
    ['bandwidth=0', /^invalid value in "bandwidth=0"/],
    ['kill-websocket-after=abc', /^invalid value in "kill-websocket-after=abc"/],
    ['offline=1', /^"offline" takes no value$/],
    ['offline+latency=5', /^"offline" cannot be combined with other profiles$/],
    ['clean+flaky=0.1', /^"clean" cannot be combined/],
    ['block-websocket+kill-websocket-after=1', /^"block-websocket" and "kill-websocket-after" cannot be combined$/],
    ['latency=1+latency=2', /^"latency" appears twice$/],
  ])('rejects %j with a clear error', (spec, message) => {
    expect(() => parseProfile(spec)).toThrow(message)
  })
})
