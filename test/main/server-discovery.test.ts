import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FoundServer } from '../../protocol'
import type { ParleyServer, ParleyServerOptions } from '../../server'
import type { MdnsOptions } from '../../server/discovery/mdns'
import { instanceName } from '../../server/discovery/announce'
import { PARLEY_VERSION } from '../../server/version'
import { createServerDiscovery, foundServer, type ServerDiscovery } from '../../src-main/server-discovery'
import { MdnsBus } from '../helpers/mdns-bus'
import { makeDataDir, startServer } from '../helpers/server'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A server announcing itself as `announce` says, on a data folder of its own, closed after the test. */
async function lanServer(announce: MdnsOptions, options: Partial<ParleyServerOptions> = {}): Promise<ParleyServer> {
  const data = makeDataDir()
  cleanups.push(data.remove)
  const server = await startServer({ dataDir: data.dir, announce, ...options })
  cleanups.push(() => server.close())
  return server
}

/** The join screen's discovery, at 192.168.7.30 on the bus, giving servers a tenth of a second to answer an ask. */
function joinScreen(bus: MdnsBus): ReturnType<typeof listen> {
  const discovery = createServerDiscovery(bus.member('192.168.7.30'), undefined, { answerMs: 100 })
  cleanups.push(() => discovery.close())
  return listen(discovery)
}

/** Listens as the join screen does (asks as it opens, then hears each change); `listed` waits for a list `accept` takes. */
function listen(discovery: ServerDiscovery): {
  /** Asks again, as the join screen does each time it opens. */
  ask: () => FoundServer[]
  listed: (accept: (servers: FoundServer[]) => boolean) => Promise<FoundServer[]>
} {
  let latest: FoundServer[] = []
  discovery.onChange((servers) => (latest = servers))
  return {
    ask: () => (latest = discovery.find()),
    listed: (accept) =>
      vi.waitFor(
        () => {
          if (!accept(latest)) throw new Error(`not yet: ${JSON.stringify(latest)}`)
          return latest
        },
        { timeout: 5000, interval: 20 },
      ),
  }
}

describe('finding Parley servers on the LAN (mDNS)', () => {
  it('lists a server as it announces itself, with its name, address and password, and drops it as it closes or, after a crash, on the next ask', async () => {
    const bus = new MdnsBus()
    const { ask, listed } = joinScreen(bus)
    expect(ask()).toEqual([])

    const about = `Room 2.14 · be kind · ${'ü'.repeat(150)}`
    const lab = await lanServer(bus.member('192.168.7.20'), { name: 'Lab 2', password: 'pw', about })
    // Its --about line too, cut to fit a TXT string (255 bytes, `about=` included), whole characters.
    const lab2 = {
      name: 'Lab 2',
      url: `http://192.168.7.20:${lab.port}`,
      password: true,
      version: PARLEY_VERSION,
      about: `Room 2.14 · be kind · ${'ü'.repeat(112)}`,
    }
    expect(await listed((servers) => servers.length === 1)).toEqual([lab2])

    // Another, without a password, listed beside it by name.
    const hall = await lanServer(bus.member('192.168.7.21'), { name: 'Event hall' })
    const eventHall = {
      name: 'Event hall',
      url: `http://192.168.7.21:${hall.port}`,
      password: false,
      version: PARLEY_VERSION,
    }
    expect(await listed((servers) => servers.length === 2)).toEqual([eventHall, lab2])

    // Closing says goodbye: gone from the list at once, not when its announcement would expire.
    await lab.close()
    expect(await listed((servers) => servers.length === 1)).toEqual([eventHall])

    // One that stopped without a goodbye (a crash, a power cut) is gone once the join screen
    // asks again and it does not answer; one that answers stays, and the list never empties meanwhile.
    bus.silence('192.168.7.21')
    const office = await lanServer(bus.member('192.168.7.22'), { name: 'Office' })
    const officeFound = {
      name: 'Office',
      url: `http://192.168.7.22:${office.port}`,
      password: false,
      version: PARLEY_VERSION,
    }
    expect(await listed((servers) => servers.length === 2)).toEqual([eventHall, officeFound])
    expect(ask()).toEqual([eventHall, officeFound])
    expect(await listed((servers) => servers.length === 1)).toEqual([officeFound])
  })

  it('lists a server whose name has dots or runs long, by its whole name', async () => {
    const bus = new MdnsBus()
    const { ask, listed } = joinScreen(bus)
    ask()
    const name = `Lab 2.0 ${'é'.repeat(56)}`
    const lab = await lanServer(bus.member('192.168.7.20'), { name })
    expect(await listed((servers) => servers.length === 1)).toEqual([
      { name, url: `http://192.168.7.20:${lab.port}`, password: false, version: PARLEY_VERSION },
    ])
    // The instance name is one DNS label: no dots, at most 63 bytes, the server's name cut first.
    expect(instanceName('Lab 2.0', 'ws1.corp.example', 3000)).toBe('Lab 2 0 (ws1:3000)')
    const long = instanceName(name, 'ws1', 3000)
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63)
    expect(long).toMatch(/^Lab 2 0 é+ \(ws1:3000\)$/)
  })

  it('keeps a server up whose mDNS fails, and says why', async () => {
    const errors: unknown[] = []
    const refusing = new MdnsBus().member('192.168.7.20', { refuse: 'EADDRINUSE' })
    const server = await lanServer(refusing, { onError: (error) => errors.push(error) })
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 5000 })
    expect(String(errors[0])).toMatch(/announcing the server on the LAN failed: bind EADDRINUSE/)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    // Said once: each packet tries the socket again, the goodbye on closing too, and fails the same way.
    await server.close()
    expect(errors).toHaveLength(1)
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
    // An --about that is not a fitting line is left out, not the server.
    expect(foundServer({ port: 3000, txt: { ...txt, about: 'x'.repeat(201) }, addresses: [], referer })).toEqual(office)
    expect(foundServer({ port: 3000, txt: { ...txt, about: ' Be kind ' }, addresses: [], referer })).toEqual({
      ...office,
      about: 'Be kind',
    })
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
