import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION } from '../../protocol'
import type { ParleyServer } from '../../server'
import {
  connectClient,
  joinAs,
  makeDataDir,
  newToken,
  startServer,
  waitForEvent,
  type TestClient,
} from '../helpers/server'
import { request } from '../helpers/request'

describe('joining a session', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  const clients: TestClient[] = []
  const track = <T extends { client: TestClient }>(joined: T): T => {
    clients.push(joined.client)
    return joined
  }

  beforeEach(async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir, name: 'Lab', about: ' Room 4, Tuesdays ' })
  })
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await server.close()
    data.remove()
  })

  it('returns rooms, members and server info, with general always present', async () => {
    const { joined } = track(await joinAs(server.url, '  Ann  '))
    expect(joined.name).toBe('Ann')
    expect(joined.rooms.map((room) => room.id)).toContain('general')
    expect(joined.joinedRoomIds).toEqual(['general'])
    expect(joined.members.map((member) => member.name)).toEqual(['Ann'])
    // With where others join: the address it listens on (every LAN interface's, on 0.0.0.0).
    expect(joined.server).toEqual({
      name: 'Lab',
      about: 'Room 4, Tuesdays',
      // What it speaks, so a desktop app of another version can say what may not show.
      protocol: PROTOCOL_VERSION,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      lanUrls: [`${server.url}/`],
    })
  })

  it('refuses a name someone online holds, ignoring case, and frees it when they leave', async () => {
    const { client: ann } = track(await joinAs(server.url, 'Ann'))
    const rival = connectClient(server.url)
    clients.push(rival)
    const taken = await request(rival, 'session:join', { name: 'ann', token: newToken() })
    expect(taken).toEqual({
      error: 'NAME_TAKEN',
      message:
        'The name "ann" is taken by someone online. If that is you on another device, add this one with a code from "Add a device" there.',
    })
    expect(rival.connected).toBe(true)

    ann.disconnect()
    await expect
      .poll(async () => {
        const result = await request(rival, 'session:join', { name: 'ann', token: newToken() })
        return 'data' in result ? result.data.name : result.error
      })
      .toBe('ann')
  })

  it('lets the same session token take its name back from a stale connection', async () => {
    const token = newToken()
    const first = connectClient(server.url)
    const second = connectClient(server.url)
    clients.push(first, second)
    await request(first, 'session:join', { name: 'Ann', token })
    const dropped = new Promise((resolve) => first.on('disconnect', resolve))
    const result = await request(second, 'session:join', { name: 'Ann', token })
    expect(result).toMatchObject({ data: { name: 'Ann' } })
    await dropped
  })

  it.each([
    [{ name: '', token: 'x'.repeat(20) }, /^name: Name must not be empty$/],
    [{ name: '   ', token: 'x'.repeat(20) }, /^name: Name must not be empty$/],
    [{ name: 'x'.repeat(33), token: 'x'.repeat(20) }, /^name: Name must be at most 32 characters$/],
    [{ name: 'ann\u202e', token: 'x'.repeat(20) }, /^name: Name contains invisible or control characters$/],
    [{ name: ' ROOM ', token: 'x'.repeat(20) }, /^name: "room" is not a name: @room mentions everyone in a room$/],
    [{ name: 'ann', token: 'short' }, /^token: /],
    [{ name: 42, token: 'x'.repeat(20) }, /^name: /],
    ['ann', /^Invalid input/],
  ])('rejects the invalid join %j with a clear error', async (payload, message) => {
    const client = connectClient(server.url)
    clients.push(client)
    const result = await request(client, 'session:join', payload as never)
    expect(result).toEqual({ error: 'INVALID_PAYLOAD', message: expect.stringMatching(message) })
    expect(client.connected).toBe(true)
  })

  it('refuses every other request before a join', async () => {
    const client = connectClient(server.url)
    clients.push(client)
    const result = await request(client, 'message:send', { roomId: 'general', text: 'hi' })
    expect(result).toEqual({ error: 'NOT_JOINED', message: 'Join with a display name first' })
  })

  it('announces arrivals and departures to everyone online', async () => {
    const { client: ann } = track(await joinAs(server.url, 'Ann'))
    const joined = waitForEvent(ann, 'presence:joined', (member) => member.name === 'Bob')
    const { client: bob } = track(await joinAs(server.url, 'Bob'))
    expect((await joined)[0]).toEqual({ name: 'Bob', transport: expect.any(String) })

    const left = waitForEvent(ann, 'presence:left', (member) => member.name === 'Bob')
    bob.disconnect()
    expect((await left)[0]).toEqual({ name: 'Bob' })
  })
})
