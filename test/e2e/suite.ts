import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import type { ParleyServer, ParleyServerOptions } from '../../server'
import { joinAs, makeDataDir, startServer, type TestClient } from '../helpers/server'
import { launchBrowser, type Browser } from './browser'

export const WEB_ROOT = resolve('out/renderer')

export interface E2e {
  browser: Browser
  /** Starts a server serving the built web client on this test's data folder; closed after the test. */
  server(options?: Partial<ParleyServerOptions>): Promise<ParleyServer>
}

/** One Chromium per file, a fresh data folder per test, and everyone and every server closed after each. */
export function useE2e(): E2e {
  let data: ReturnType<typeof makeDataDir>
  const servers: ParleyServer[] = []
  const e2e = {
    browser: undefined as unknown as Browser,
    async server(options: Partial<ParleyServerOptions> = {}) {
      const server = await startServer({ dataDir: data.dir, webRoot: WEB_ROOT, ...options })
      servers.push(server)
      return server
    },
  }
  beforeAll(async () => {
    if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('Build the renderer first: npm run build')
    e2e.browser = await launchBrowser()
  })
  afterAll(() => e2e.browser?.close())
  beforeEach(() => {
    data = makeDataDir()
  })
  afterEach(async () => {
    await e2e.browser.closePeople()
    for (const server of servers.splice(0)) await server.close()
    data.remove()
  })
  return e2e
}

/** A server named E2E per test, and Bob on a plain Socket.IO client: he writes history faster than a page could. */
export interface LanWithBob {
  readonly server: ParleyServer
  readonly bob: TestClient
}

export function useServerWithBob(e2e: E2e): LanWithBob {
  const held: { server?: ParleyServer; bob?: TestClient } = {}
  beforeEach(async () => {
    held.server = await e2e.server({ name: 'E2E' })
    held.bob = (await joinAs(held.server.url, 'Bob')).client
    return () => void held.bob?.close()
  })
  return {
    get server() {
      return held.server!
    },
    get bob() {
      return held.bob!
    },
  }
}
