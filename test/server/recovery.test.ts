import { afterEach, describe, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import type { ParleyServer } from '../../server'
import { SingleUseSessionAdapter } from '../../server/socket/single-use-sessions'
import { joinAs, makeDataDir, newToken, startServer, waitForEvent, waitUntil, type TestClient } from '../helpers/server'
import { request } from '../helpers/request'

/** The session a socket.io-client offers when it reconnects (private fields: no public way to read or set them). */
interface RecoveryState {
  _pid?: string
  _lastOffset?: string
}

describe('connection state recovery', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  const clients: TestClient[] = []
  const track = (client: TestClient): TestClient => (clients.push(client), client)

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await server?.close()
    data?.remove()
  })

  it('keeps a client in its rooms when it comes back with a session its old connection still holds', async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
    const { client: bob } = await joinAs(server.url, 'Bob')
    track(bob)

    // Ann joins; her link drops and Socket.IO restores her session on the next connection.
    const token = newToken()
    const ann = track(io(server.url, { forceNew: true, transports: ['websocket'] }))
    await waitForEvent(ann, 'server:hello')
    expect('data' in (await request(ann, 'session:join', { name: 'Ann', token }))).toBe(true)
    ann.io.engine.close()
    await waitUntil(() => ann.connected && ann.recovered, 10_000, 'the recovered connection')
    const held = [...server.io.of('/').sockets.values()].find((socket) => socket.data.name === 'Ann')!

    // Her app gives up on that connection while the server still thinks it
    // alive (a cut it cannot see before the ping timeout), and comes back
    // offering the same session, rejoining unless it is restored.
    const comeback = track(io(server.url, { forceNew: true, transports: ['websocket'], autoConnect: false }))
    Object.assign(comeback as unknown as RecoveryState, {
      _pid: (ann as unknown as RecoveryState)._pid,
      _lastOffset: (ann as unknown as RecoveryState)._lastOffset,
    })
    comeback.connect()
    await waitUntil(() => comeback.connected, 10_000, 'the comeback')
    if (!comeback.recovered) {
      expect('data' in (await request(comeback, 'session:join', { name: 'Ann', token }))).toBe(true)
    }
    // The old connection goes at last.
    ann.disconnect()
    await waitUntil(() => !held.connected, 10_000, 'the old connection to close')

    // Ann still gets the room's messages and may write to it.
    const heard = waitForEvent(comeback, 'message:created', (message) => message.text === 'still there?')
    expect('data' in (await request(bob, 'message:send', { roomId: 'general', text: 'still there?' }))).toBe(true)
    await heard
    const reply = await request(comeback, 'message:send', { roomId: 'general', text: 'yes' })
    expect(reply).toMatchObject({ data: { author: 'Ann', text: 'yes' } })
  })
})

describe('SingleUseSessionAdapter', () => {
  /** An adapter on a stand-in namespace, holding one broadcast whose offset a client would reconnect with. */
  function adapterWithOffset() {
    const nsp = {
      server: {
        opts: { connectionStateRecovery: { maxDisconnectionDuration: 60_000 } },
        encoder: { encode: () => [] },
      },
      sockets: new Map(),
    }
    const adapter = new SingleUseSessionAdapter(nsp)
    const packet = { type: 2, nsp: '/', data: ['message:created', {}] as unknown[] }
    adapter.broadcast(packet, { rooms: new Set(['general']), except: new Set() })
    const save = () => adapter.persistSession({ sid: 'sid-1', pid: 'pid-1', rooms: ['general'], data: {} })
    return { adapter, offset: packet.data.at(-1) as string, save }
  }

  it('restores a saved session once, and again only after its socket saves it anew', async () => {
    const { adapter, offset, save } = adapterWithOffset()
    save()
    expect(await adapter.restoreSession('pid-1', offset)).toMatchObject({ sid: 'sid-1', rooms: ['general'] })
    expect(await adapter.restoreSession('pid-1', offset)).toBeNull()
    save()
    expect(await adapter.restoreSession('pid-1', offset)).toMatchObject({ sid: 'sid-1' })
  })

  it('gives a session to only one of two reconnections asking at once', async () => {
    const { adapter, offset, save } = adapterWithOffset()
    save()
    const answers = await Promise.all([
      adapter.restoreSession('pid-1', offset),
      adapter.restoreSession('pid-1', offset),
    ])
    expect(answers.filter((answer) => answer !== null)).toHaveLength(1)
  })

  it('holds nothing against a session that was not there to restore', async () => {
    const { adapter, offset, save } = adapterWithOffset()
    // Nothing saved yet: no session, and nothing held against the next try.
    expect(await adapter.restoreSession('pid-1', offset)).toBeNull()
    save()
    expect(await adapter.restoreSession('pid-1', offset)).toMatchObject({ sid: 'sid-1' })
  })
})
