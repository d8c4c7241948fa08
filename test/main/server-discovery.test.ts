import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FoundServer } from '../../protocol'
import type { ParleyServer } from '../../server'
import { PARLEY_VERSION } from '../../server/version'
import { createServerDiscovery, foundServer, type ServerDiscovery } from '../../src-main/server-discovery'
import { MdnsBus } from '../helpers/mdns-bus'
import { makeDataDir, startServer } from '../helpers/server'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function lanServer(options: Parameters<typeof startServer>[0]): Promise<ParleyServer> {
  const server = await startServer(options)
  cleanups.push(() => server.close())
  return server
}

/** Resolves with the first list the discovery reports that `accept` takes. */
function listed(discovery: ServerDiscovery, accept: (servers: FoundServer[]) => boolean): Promise<FoundServer[]> {
  return vi.waitFor(
    () => {
      const servers = discovery.find()
      if (!accept(servers)) throw new Error(`not yet: ${JSON.stringify(servers)}`)
      return servers
    },
    { timeout: 5000, interval: 20 },
  )
}

describe('finding Parley servers on the LAN (mDNS)', () => {
  it('lists a server as it announces itself, with its name, address and password, and drops it as it closes', async () => {
    const bus = new MdnsBus()
    const data = makeDataDir()
    cleanups.push(data.remove)
    const discovery = createServerDiscovery(bus.member('192.168.7.30'))
    cleanups.push(() => discovery.close())
    const changes: FoundServer[][] = []
    discovery.onChange((servers) => changes.push(servers))
    expect(discovery.find()).toEqual([])

    const lab = await lanServer({
      dataDir: data.dir,
      name: 'Lab 2',
      password: 'pw',
      announce: bus.member('192.168.7.20'),
    })
    const lab2 = { name: 'Lab 2', url: `http://192.168.7.20:${lab.port}`, password: true, version: PARLEY_VERSION }
    expect(await listed(discovery, (servers) => servers.length === 1)).toEqual([lab2])
    expect(changes.at(-1)).toEqual([lab2])

    // Another, without a password, listed beside it by name.
    const other = makeDataDir()
    cleanups.push(other.remove)
    const hall = await lanServer({ dataDir: other.dir, name: 'Event hall', announce: bus.member('192.168.7.21') })
    const eventHall = {
      name: 'Event hall',
      url: `http://192.168.7.21:${hall.port}`,
      password: false,
      version: PARLEY_VERSION,
    }
    expect(await listed(discovery, (servers) => servers.length === 2)).toEqual([eventHall, lab2])

    // Closing says goodbye: gone from the list at once, not when its announcement would expire.
    await lab.close()
    expect(await listed(discovery, (servers) => servers.length === 1)).toEqual([eventHall])
    expect(changes.at(-1)).toEqual([eventHall])
  })

  it('keeps a server up whose mDNS fails, and says why', async () => {
    const data = makeDataDir()
    cleanups.push(data.remove)
    const errors: unknown[] = []
    const server = await lanServer({
      dataDir: data.dir,
      onError: (error) => errors.push(error),
      announce: new MdnsBus().member('192.168.7.20', { refuse: 'EADDRINUSE' }),
    })
    // Each packet it tries to send tries the socket again.
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 5000 })
    for (const error of errors)
      expect(String(error)).toMatch(/announcing the server on the LAN failed: bind EADDRINUSE/)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('lists only announcements it can join, at the address the answer came from', () => {
    const txt = { name: 'Office', pw: '0', v: '0.1.0' }
    const referer = { address: '10.0.0.5', family: 'IPv4' as const, port: 5353, size: 300 }
    const office = { name: 'Office', url: 'http://10.0.0.5:3000', password: false, version: '0.1.0' }
    expect(foundServer({ port: 3000, txt, addresses: ['172.17.0.1', '10.0.0.5'], referer })).toEqual(office)
    // Heard over IPv6: the first IPv4 address it gave.
    const fromV6 = { ...referer, address: 'fe80::1', family: 'IPv6' as const }
    expect(foundServer({ port: 3000, txt, addresses: ['fe80::1', '10.0.0.9'], referer: fromV6 })?.url).toBe(
      'http://10.0.0.9:3000',
    )
    for (const odd of [
      { port: 3000, txt, addresses: ['fe80::1'], referer: fromV6 },
      { port: 0, txt, addresses: [], referer },
      { port: 3000, txt: { name: 'Printer' }, addresses: [], referer },
      { port: 3000, txt: { ...txt, name: '' }, addresses: [], referer },
      { port: 3000, txt: { ...txt, name: 'x'.repeat(65) }, addresses: [], referer },
      { port: 3000, txt: { ...txt, pw: 'yes' }, addresses: [], referer },
    ]) {
      expect(foundServer(odd)).toBeNull()
    }
  })
})
