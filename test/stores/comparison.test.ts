import { afterEach, describe, expect, it } from 'vitest'
import { createNetsim, type Netsim } from '../../netsim'
import { PROBE_NAMESPACE } from '../../protocol'
import { useComparisonStore } from '../../src-renderer/src/stores/comparison'
import type { WayResult } from '../../src-renderer/src/lib/transport-comparison'
import { useServerFixture } from '../helpers/fixture'
import { waitUntil } from '../helpers/server'
import { useAppFixture } from './app-fixture'

/** A short run: six probes, polled every 300 ms. */
const TUNING = { probes: 6, spacingMs: 110, pollIntervalMs: 300, graceMs: 2000 }

describe('the transport comparison', () => {
  const t = useServerFixture()
  const app = useAppFixture()
  let netsim: Netsim | undefined
  afterEach(async () => {
    await netsim?.close()
    netsim = undefined
  })

  const byWay = (results: WayResult[]) => Object.fromEntries(results.map((result) => [result.way, result]))

  it('measures all three ways side by side, each with every probe, and leaves nothing behind', async () => {
    await t.start()
    await app.join(t.server.url)
    const comparison = useComparisonStore()
    const seen: string[] = []
    const running = comparison.run(TUNING)
    expect(comparison.running).toBe(true)
    await waitUntil(() => {
      seen.push(comparison.results.map((r) => r.state).join())
      return !comparison.running
    })
    await running
    expect(comparison.error).toBe('')
    const ways = byWay(comparison.results)
    for (const way of ['websocket', 'long-polling', 'short-polling']) {
      expect(ways[way]).toMatchObject({ state: 'done', received: TUNING.probes, note: '' })
      expect(ways[way]!.p50).toBeGreaterThan(0)
      expect(ways[way]!.max).toBeGreaterThanOrEqual(ways[way]!.p95!)
      expect(ways[way]!.p95).toBeGreaterThanOrEqual(ways[way]!.p50!)
    }
    // The number each way costs: WebSocket needs no request per probe; the others do.
    expect(ways.websocket!.requests).toBe(0)
    expect(ways['long-polling']!.requests).toBeGreaterThan(0)
    expect(ways['short-polling']!.requests).toBeGreaterThan(0)
    expect(seen.some((states) => states.includes('measuring'))).toBe(true)
    // Its connections are closed and its channel with them.
    await waitUntil(() => t.server.io.of(PROBE_NAMESPACE).sockets.size === 0, 10_000, 'probe connections to close')
  })

  it('shows WebSocket refused behind a link that blocks it, and measures the other two', async () => {
    await t.start()
    netsim = await createNetsim({ target: t.server.url, profile: 'block-websocket' })
    await app.join(netsim.url)
    const comparison = useComparisonStore()
    const refusedBefore = netsim.stats().websocketsRefused
    await comparison.run(TUNING)
    const ways = byWay(comparison.results)
    expect(ways.websocket).toMatchObject({ state: 'failed', received: 0, p50: null })
    expect(ways.websocket!.note).toMatch(/^WebSocket refused: /)
    expect(ways['long-polling']).toMatchObject({ state: 'done', received: TUNING.probes })
    expect(ways['short-polling']).toMatchObject({ state: 'done', received: TUNING.probes })
    // The comparison took the app's own way to the server: through the link, which refused it.
    expect(netsim.stats().websocketsRefused).toBeGreaterThan(refusedBefore)
  })

  it('uses the server’s password, as the app’s connection does', async () => {
    await t.start({ password: 'open sesame' })
    const stores = await app.join(t.server.url, 'Ann', { password: 'open sesame' })
    expect(stores.connection.endpoint()).toMatchObject({ password: 'open sesame' })
    const comparison = useComparisonStore()
    await comparison.run(TUNING)
    expect(comparison.error).toBe('')
    expect(comparison.results.map((result) => result.received)).toEqual([6, 6, 6])
  })

  it('says why when the app is not connected', async () => {
    await t.start()
    const stores = await app.join(t.server.url)
    stores.session.leave()
    const comparison = useComparisonStore()
    await comparison.run(TUNING)
    expect(comparison.error).toBe('Not connected to a server')
    expect(comparison.results).toEqual([])
  })
})
