import { afterEach, describe, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import type { ParleyServer } from '../../server'
import { DEFAULT_HEALER_OPTIONS, UpgradeHealer } from '../../src-renderer/src/lib/upgrade-healer'
import { makeDataDir, startServer, waitUntil, type TestClient } from '../helpers/server'
import { request } from '../helpers/request'

interface ProbeTransport {
  close(): void
}

describe('the upgrade healer with a real engine', () => {
  const data = makeDataDir()
  let server: ParleyServer | undefined
  let client: TestClient | undefined
  afterEach(async () => {
    client?.disconnect()
    await server?.close()
    data.remove()
  })

  it('keeps requests flowing when the WebSocket probe dies after polling was paused for the switch', async () => {
    server = await startServer({ dataDir: data.dir })
    client = io(server.url, { forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 200 })
    const healer = new UpgradeHealer(client.io, DEFAULT_HEALER_OPTIONS, {
      fallback: () => {},
      healScheduled: () => {},
      probe: () => {},
    })
    let failedProbes = 0
    let first = true
    client.io.on('open', () => {
      const engine = client!.io.engine
      healer.attach(engine)
      if (!first) return
      first = false
      // The probe answered its ping, so long-polling is being paused for the
      // switch (it waits for the open poll to end): that is when the
      // WebSocket dies (a proxy that cuts it). A microtask runs before any
      // network answer can end the pause.
      engine.once('upgrading', (probe: ProbeTransport) => queueMicrotask(() => probe.close()))
      engine.on('upgradeError', () => failedProbes++)
    })
    await waitUntil(() => failedProbes === 1, 10_000, 'the probe to fail mid-switch')

    // Answered well before engine.io's own ping timeout (45 s) would have noticed.
    const answer = await request(client, 'session:ping', { sentAt: 1 }, 10_000)
    expect(answer).toMatchObject({ data: { sentAt: 1 } })
    healer.dispose()
  })
})
