import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEmbeddedHost } from '../../src-main/embedded-server'
import { createParleyServer, ListenError } from '../../server'
import { joinAs, makeDataDir, type TestClient } from '../helpers/server'

describe('hosting an embedded server', () => {
  let data: ReturnType<typeof makeDataDir>
  const clients: TestClient[] = []
  afterEach(() => {
    clients.splice(0).forEach((client) => client.disconnect())
    data?.remove()
  })

  it('starts the real server, lets this computer join it, reports it, and stops it', async () => {
    data = makeDataDir()
    const host = createEmbeddedHost({ dataDir: data.dir, webRoot: null, host: '127.0.0.1' })
    expect(host.current()).toBeNull()
    const [hosted, again] = await Promise.all([host.start({ port: 0 }), host.start({ port: 0 })])
    expect(again).toEqual(hosted)
    expect(hosted.localUrl).toBe(`http://127.0.0.1:${hosted.port}`)
    expect(hosted.lanUrls).toEqual([`http://127.0.0.1:${hosted.port}/`])
    expect(host.current()).toEqual(hosted)

    const { client, joined } = await joinAs(hosted.localUrl, 'Host')
    clients.push(client)
    expect(joined.name).toBe('Host')

    const disconnected = new Promise((resolve) => client.on('disconnect', resolve))
    await host.stop()
    await disconnected
    expect(host.current()).toBeNull()
    await expect(fetch(`${hosted.localUrl}/healthz`)).rejects.toThrow()
  })

  it('falls back to a free port when the default one is taken', async () => {
    data = makeDataDir()
    const create = vi.fn(async (options: Parameters<typeof createParleyServer>[0]) => {
      if (options.port === 3000) throw new ListenError('port 3000 is already in use on 127.0.0.1')
      return createParleyServer(options)
    })
    const host = createEmbeddedHost({ dataDir: data.dir, webRoot: null, host: '127.0.0.1' }, create)
    const hosted = await host.start({})
    expect(create.mock.calls.map(([options]) => options.port)).toEqual([3000, 0])
    expect(hosted.port).not.toBe(3000)
    // Reachable from this computer only: not announced on the LAN.
    expect(create.mock.calls.map(([options]) => options.announce)).toEqual([false, false])
    await host.stop()
  })

  it('announces itself on the LAN when it listens on every interface, as it does by default', async () => {
    const create = vi.fn(async () => {
      throw new ListenError('not listening in this test')
    })
    const host = createEmbeddedHost({ dataDir: '/nowhere', webRoot: null }, create)
    await expect(host.start({ port: 4000 })).rejects.toThrow(ListenError)
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ host: '0.0.0.0', port: 4000, announce: true }))
  })
})
