import { createServer, request, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNetsim, type Netsim } from '../../netsim'

/** A target that echoes HTTP bodies and accepts WebSocket-style upgrades, echoing bytes. */
async function startTarget(): Promise<{ server: Server; url: string; upgrades: Socket[] }> {
  const upgrades: Socket[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => res.end(`${req.method} ${req.url} ${body}`))
  })
  server.on('upgrade', (_req, socket: Socket) => {
    upgrades.push(socket)
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n')
    socket.on('data', (data) => socket.write(data))
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, upgrades }
}

function get(url: string, path = '/', body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: body === undefined ? 'GET' : 'POST', agent: false }, (res) => {
      let text = ''
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve(text))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Opens an upgrade through the proxy; resolves with the status line and the socket. */
function upgrade(url: string): Promise<{ status: string; socket: Socket }> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1')
    socket.on('error', () => {})
    socket.once('close', () => reject(new Error('closed before any answer')))
    socket.write(
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
    )
    socket.once('data', (data) => {
      socket.removeAllListeners('close')
      resolve({ status: data.toString().split('\r\n')[0]!, socket })
    })
  })
}

function closed(socket: Socket): Promise<void> {
  return socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()))
}

describe('netsim proxy', () => {
  let target: Awaited<ReturnType<typeof startTarget>>
  let netsim: Netsim
  const log: string[] = []

  beforeEach(async () => {
    target = await startTarget()
    log.length = 0
    netsim = await createNetsim({ target: target.url, log: (line) => log.push(line) })
  })
  afterEach(async () => {
    await netsim.close()
    target.server.close()
  })

  it('forwards HTTP requests and WebSockets untouched when clean', async () => {
    expect(await get(netsim.url, '/a?b=1', 'hello')).toBe('POST /a?b=1 hello')
    const { status, socket } = await upgrade(netsim.url)
    expect(status).toBe('HTTP/1.1 101 Switching Protocols')
    const echoed = new Promise<string>((resolve) => socket.once('data', (data) => resolve(data.toString())))
    socket.write('ping')
    expect(await echoed).toBe('ping')
    socket.destroy()
  })

  it('block-websocket refuses upgrades like a proxy, cuts open WebSockets, and keeps HTTP working', async () => {
    const open = await upgrade(netsim.url)
    netsim.setProfile('block-websocket')
    await closed(open.socket)
    expect((await upgrade(netsim.url)).status).toBe('HTTP/1.1 403 Forbidden')
    expect(await get(netsim.url, '/still')).toBe('GET /still ')
    expect(netsim.stats()).toMatchObject({ websocketsRefused: 1, websocketsCut: 1 })
    expect(log).toContain('netsim: profile clean → block-websocket')
    expect(log).toContain('netsim: cut 1 WebSocket(s): WebSocket blocked')
  })

  it('kill-websocket-after accepts, then cuts', async () => {
    netsim.setProfile('kill-websocket-after=0.2')
    const { status, socket } = await upgrade(netsim.url)
    expect(status).toBe('HTTP/1.1 101 Switching Protocols')
    await closed(socket)
    expect(netsim.stats().websocketsCut).toBe(1)
  })

  it('offline refuses everything and cuts what is open; clean brings it back', async () => {
    const open = await upgrade(netsim.url)
    netsim.setProfile('offline')
    await closed(open.socket)
    await expect(get(netsim.url)).rejects.toThrow()
    netsim.setProfile('clean')
    expect(await get(netsim.url, '/back')).toBe('GET /back ')
  })

  it('flaky resets the chosen fraction of requests', async () => {
    await netsim.close()
    const rolls = [0.1, 0.9, 0.9, 0.1]
    netsim = await createNetsim({ target: target.url, profile: 'flaky=0.5', random: () => rolls.shift() ?? 0.9 })
    const results = await Promise.allSettled([
      get(netsim.url, '/1'),
      get(netsim.url, '/2'),
      get(netsim.url, '/3'),
      get(netsim.url, '/4'),
    ])
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(2)
    expect(netsim.stats().resets).toBe(2)
  })

  it('latency, jitter and bandwidth delay chunks without reordering them', async () => {
    netsim.setProfile('latency=30,jitter=25+bandwidth=64')
    const { socket } = await upgrade(netsim.url)
    const received: string[] = []
    socket.on('data', (data) => received.push(data.toString()))
    const sent = Array.from({ length: 20 }, (_, i) => `<${i}>`)
    for (const piece of sent) socket.write(piece)
    await expect.poll(() => received.join(''), { timeout: 10_000 }).toBe(sent.join(''))
    socket.destroy()
  })

  it('is switched live through its control endpoint, which explains a bad profile', async () => {
    const post = (body: string) =>
      fetch(`${netsim.url}/__netsim`, { method: 'POST', body }).then(async (res) => ({
        status: res.status,
        body: await res.json(),
      }))
    expect(await post('latency=10')).toEqual({ status: 200, body: { profile: 'latency=10' } })
    expect(netsim.profile().latencyMs).toBe(10)
    expect(await post('nonsense')).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^unknown profile "nonsense"/) },
    })
    expect(netsim.profile().latencyMs).toBe(10)
    const status = await (await fetch(`${netsim.url}/__netsim`)).json()
    expect(status).toMatchObject({ profile: 'latency=10', stats: { httpRequests: expect.any(Number) } })
  })

  it('survives broken clients: garbage, half requests, aborted uploads and upgrades', async () => {
    const { port } = new URL(netsim.url)
    const abuse = [
      'NOT HTTP AT ALL\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\npartial',
      'GET /socket.io/ HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0000\u0001garbage',
      'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    ]
    for (const bytes of abuse) {
      const socket = connect(Number(port), '127.0.0.1')
      socket.on('error', () => {})
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      socket.write(bytes)
      socket.destroy()
    }
    netsim.setProfile('latency=5')
    expect(await get(netsim.url, '/after-abuse')).toBe('GET /after-abuse ')
  })
})
