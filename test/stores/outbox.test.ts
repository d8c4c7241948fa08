import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNetsim, type Netsim } from '../../netsim'
import type { Message } from '../../protocol'
import type { ParleyServer } from '../../server'
import { joinAs, makeDataDir, startServer, type TestClient } from '../helpers/server'
import { newAppStores } from './app-fixture'

describe('the outbox', () => {
  let server: ParleyServer
  let netsim: Netsim
  let data: ReturnType<typeof makeDataDir>
  let peer: TestClient
  const peerSaw: Message[] = []
  const apps: Array<ReturnType<typeof newAppStores>> = []
  const fromAnn = () => peerSaw.filter((m) => m.author === 'Ann').map((m) => m.text)

  beforeEach(async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    netsim = await createNetsim({ target: server.url })
    peer = (await joinAs(server.url, 'Bob')).client
    peerSaw.length = 0
    peer.on('message:created', (message) => peerSaw.push(message))
  })
  afterEach(async () => {
    apps.splice(0).forEach((app) => app.session.leave())
    peer.disconnect()
    await netsim.close()
    await server.close()
    data.remove()
  })

  async function join(): Promise<ReturnType<typeof newAppStores>> {
    const app = newAppStores()
    apps.push(app)
    expect(await app.session.join('Ann', netsim.url)).toBe(true)
    await app.messages.loadLatest('general')
    return app
  }

  it('keeps messages typed offline pending, then sends them in order, once each, when the link returns', async () => {
    const app = await join()
    netsim.setProfile('offline')
    await expect.poll(() => app.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    for (const text of ['one', 'two', 'three']) void app.messages.send('general', text)
    const shown = () => app.messages.timeline('general').messages.map((m) => `${m.text}:${m.state}`)
    expect(shown()).toEqual(['one:pending', 'two:pending', 'three:pending'])

    netsim.setProfile('clean')
    await expect.poll(shown, { timeout: 20_000 }).toEqual(['one:sent', 'two:sent', 'three:sent'])
    await expect.poll(fromAnn).toEqual(['one', 'two', 'three'])
    expect(app.messages.outbox).toEqual([])
  })

  it('shows a poll asked offline with its options, and sends it as a poll when the link returns', async () => {
    const app = await join()
    netsim.setProfile('offline')
    await expect.poll(() => app.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    void app.messages.send('general', 'Lunch where?', undefined, { options: [' Pizza', 'Sushi '] })
    const options = (message: Message | undefined) => message?.poll?.options.map((option) => option.text)
    const [waiting] = app.messages.timeline('general').messages
    expect([waiting!.state, options(waiting)]).toEqual(['pending', ['Pizza', 'Sushi']])

    netsim.setProfile('clean')
    await expect.poll(() => app.messages.timeline('general').messages[0]?.state, { timeout: 20_000 }).toBe('sent')
    await expect.poll(() => options(peerSaw[0])).toEqual(['Pizza', 'Sushi'])
    expect(peerSaw[0]!.text).toBe('Lunch where?')
  })

  it('survives a reload: the next app on the same server and name sends what the last one could not', async () => {
    const first = await join()
    netsim.setProfile('offline')
    await expect.poll(() => first.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    void first.messages.send('general', 'typed before the reload')
    void first.messages.send('general', 'and this one')
    first.connection.disconnect()

    netsim.setProfile('clean')
    const second = await join()
    await expect.poll(fromAnn, { timeout: 20_000 }).toEqual(['typed before the reload', 'and this one'])
    await expect
      .poll(() => second.messages.timeline('general').messages.map((m) => `${m.text}:${m.state}`))
      .toEqual(['typed before the reload:sent', 'and this one:sent'])
  })

  it('waits out RATE_LIMITED and resends: a burst arrives whole and in order', async () => {
    const app = await join()
    const burst = Array.from({ length: 45 }, (_, i) => `burst ${i}`)
    const results = await Promise.all(burst.map((text) => app.messages.send('general', text)))
    expect(results.every((result) => result === null)).toBe(true)
    await expect.poll(fromAnn, { timeout: 20_000 }).toEqual(burst)
  })
})
