import { afterEach, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../../server'
import { usePinsStore } from '../../src-renderer/src/stores/pins'
import { joinAs, makeDataDir, startServer, type TestClient } from '../helpers/server'
import { request, sendMessage } from '../helpers/request'
import { newAppStores } from './app-fixture'

describe('a room’s pins in the app, against a real server', () => {
  const data = makeDataDir()
  let server: ParleyServer | undefined
  let bob: TestClient | undefined
  let app: ReturnType<typeof newAppStores> | undefined
  afterEach(async () => {
    app?.session.leave()
    bob?.close()
    await server?.close()
    data.remove()
  })

  it('follows pins, edits and deletions live, and what changed while the server was down on the rejoin', async () => {
    server = await startServer({ dataDir: data.dir })
    bob = (await joinAs(server.url, 'Bob')).client
    const said = async (text: string) => {
      const sent = await sendMessage(bob!, { roomId: 'general', text })
      if (!('data' in sent)) throw new Error(sent.message)
      return sent.data
    }
    const wifi = await said('wifi: parley-lab')
    const rota = await said('rota on the door')
    await request(bob, 'message:pin', { id: wifi.id, pinned: true })

    app = newAppStores()
    expect(await app.session.join('Ann', server.url)).toBe(true)
    const pins = usePinsStore()
    const pinned = () => (pins.byRoom.general ?? []).map((message) => message.text)
    await expect.poll(pinned).toEqual(['wifi: parley-lab'])

    // Live: another pin goes first, an edit shows, a deletion unpins.
    await request(bob, 'message:pin', { id: rota.id, pinned: true })
    await expect.poll(pinned).toEqual(['rota on the door', 'wifi: parley-lab'])
    await request(bob, 'message:edit', { id: wifi.id, text: 'wifi: parley-lab-5g' })
    await expect.poll(pinned).toEqual(['rota on the door', 'wifi: parley-lab-5g'])
    await request(bob, 'message:delete', { id: rota.id })
    await expect.poll(pinned).toEqual(['wifi: parley-lab-5g'])

    // A pin made while Ann cannot hear of it (the server down for her: up
    // meanwhile on another port), then the server back where she reconnects:
    // only her rejoin can bring it.
    const port = server.port
    bob.close()
    await server.close()
    server = await startServer({ dataDir: data.dir })
    bob = (await joinAs(server.url, 'Bob')).client
    const later = await said('fire drill at 3')
    await request(bob, 'message:pin', { id: later.id, pinned: true })
    bob.close()
    await server.close()
    server = await startServer({ dataDir: data.dir, port })
    await expect.poll(pinned, { timeout: 15_000 }).toEqual(['fire drill at 3', 'wifi: parley-lab-5g'])
  })
})
