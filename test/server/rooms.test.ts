import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../../server'
import {
  connectClient,
  joinAs,
  makeDataDir,
  newToken,
  startServer,
  waitForEvent,
  waitUntil,
  type TestClient,
} from '../helpers/server'
import { request, openDm } from '../helpers/request'

describe('rooms, DMs and typing', () => {
  let server: ParleyServer
  let data: ReturnType<typeof makeDataDir>
  const clients: TestClient[] = []
  const join = async (name: string, rooms?: string[]) => {
    const joined = await joinAs(server.url, name, rooms)
    clients.push(joined.client)
    return joined
  }

  beforeEach(async () => {
    data = makeDataDir()
    server = await startServer({ dataDir: data.dir })
  })
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await server.close()
    data.remove()
  })

  it('sets a room’s topic for everyone, in the room list too, and keeps it across a restart', async () => {
    const { client: ann } = await join('ann')
    const { client: bob } = await join('bob')
    await request(ann, 'room:create', { name: 'lab' })
    const told = waitForEvent(bob, 'room:updated')
    const lab = { id: 'lab', kind: 'room', name: 'lab' }
    expect(await request(ann, 'room:topic', { roomId: 'lab', topic: '  Lab 3: questions <b>here</b>  ' })).toEqual({
      data: { ...lab, topic: 'Lab 3: questions <b>here</b>' },
    })
    // Bob is not in #lab, but the room is in his list: he is told too.
    expect((await told)[0]).toEqual({ ...lab, topic: 'Lab 3: questions <b>here</b>' })
    expect(await request(bob, 'room:topic', { roomId: 'lab', topic: 'mine now' })).toEqual({
      error: 'FORBIDDEN',
      message: 'Join #lab to set its topic',
    })

    for (const topic of ['two\nlines', 'x'.repeat(251), 'sneaky\u202eright-to-left']) {
      expect(await request(ann, 'room:topic', { roomId: 'lab', topic })).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
    const dm = await openDm(ann, 'bob')
    expect(await request(ann, 'room:topic', { roomId: dm.id, topic: 'us' })).toEqual({
      error: 'FORBIDDEN',
      message: 'A conversation has no topic',
    })
    expect(await request(ann, 'room:topic', { roomId: 'nowhere', topic: 'x' })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })

    clients.splice(0).forEach((client) => client.disconnect())
    await server.close()
    server = await startServer({ dataDir: data.dir })
    const { client: cy, joined } = await join('cy')
    expect(joined.rooms.find((room) => room.id === 'lab')).toEqual({ ...lab, topic: 'Lab 3: questions <b>here</b>' })
    // Cleared with an empty one.
    await request(cy, 'room:join', { roomId: 'lab' })
    expect(await request(cy, 'room:topic', { roomId: 'lab', topic: ' ' })).toEqual({ data: lab })
  })

  it('creates a room, announces it, and lets others join and chat in it', async () => {
    const { client: ann } = await join('ann')
    const { client: bob } = await join('bob')
    const announced = waitForEvent(bob, 'room:created')
    const created = await request(ann, 'room:create', { name: ' Lab-3 ' })
    expect(created).toEqual({ data: { id: 'lab-3', kind: 'room', name: 'lab-3' } })
    expect((await announced)[0]).toEqual({ id: 'lab-3', kind: 'room', name: 'lab-3' })

    // Creating an existing room joins it rather than failing.
    expect(await request(bob, 'room:create', { name: 'lab-3' })).toEqual(created)
    const delivered = waitForEvent(ann, 'message:created')
    await request(bob, 'message:send', { roomId: 'lab-3', text: 'hello lab' })
    expect((await delivered)[0]).toMatchObject({ roomId: 'lab-3', author: 'bob', text: 'hello lab' })
  })

  it('requires joining a room before writing to it, and rejoins rooms named at join', async () => {
    const { client: ann } = await join('ann')
    await request(ann, 'room:create', { name: 'quiet' })
    const { client: bob, joined } = await join('bob')
    expect(joined.rooms.map((room) => room.id)).toEqual(['general', 'quiet'])
    expect(await request(bob, 'message:send', { roomId: 'quiet', text: 'hi' })).toEqual({
      error: 'FORBIDDEN',
      message: 'Join #quiet before writing to it',
    })
    expect(await request(bob, 'room:join', { roomId: 'nowhere' })).toEqual({
      error: 'ROOM_NOT_FOUND',
      message: 'No room "nowhere"',
    })
    const { joined: carol } = await join('carol', ['quiet', 'nowhere'])
    expect(carol.joinedRoomIds).toEqual(['general', 'quiet'])
  })

  it('remembers the rooms a person joined, so their next session, on any device, is in them again', async () => {
    const { client: ann } = await join('ann')
    await request(ann, 'room:create', { name: 'lab' })
    await request(ann, 'room:create', { name: 'side' })
    const { client: bob } = await join('bob')
    await request(bob, 'room:join', { roomId: 'lab' })
    const { client: cy } = await join('cy')
    const gone = new Set<string>()
    cy.on('presence:left', ({ name }) => gone.add(name))
    ann.disconnect()
    bob.disconnect()
    await waitUntil(() => gone.size === 2, 10_000, 'ann and bob gone')

    // Another device, another case of the name, no rooms asked for.
    const { joined: annAgain } = await join('ANN')
    expect(annAgain.joinedRoomIds).toEqual(['general', 'lab', 'side'])
    const { client: bobAgain, joined: bobJoined } = await join('Bob')
    expect(bobJoined.joinedRoomIds).toEqual(['general', 'lab'])
    expect(await request(bobAgain, 'message:send', { roomId: 'lab', text: 'back in' })).toMatchObject({
      data: { roomId: 'lab' },
    })

    // Leaving a room ends that: no more of its messages, and the next session is not in it.
    expect(await request(bobAgain, 'room:leave', { roomId: 'lab' })).toEqual({ data: null })
    const heard: string[] = []
    bobAgain.on('message:created', (message) => heard.push(message.text))
    const { client: eve } = await join('eve', ['lab'])
    await request(eve, 'message:send', { roomId: 'lab', text: 'lab only' })
    await request(eve, 'message:send', { roomId: 'general', text: 'everyone' })
    await waitUntil(() => heard.includes('everyone'), 10_000, 'the #general message')
    expect(heard).toEqual(['everyone'])
    expect(await request(bobAgain, 'message:send', { roomId: 'lab', text: 'still here?' })).toMatchObject({
      error: 'FORBIDDEN',
    })
    bobAgain.disconnect()
    await waitUntil(() => gone.has('Bob'), 10_000, 'Bob gone')
    expect((await join('bob')).joined.joinedRoomIds).toEqual(['general'])
    // #general and DMs stay.
    expect(await request(eve, 'room:leave', { roomId: 'general' })).toEqual({
      error: 'FORBIDDEN',
      message: '#general cannot be left',
    })
    expect(await request(eve, 'room:leave', { roomId: 'nowhere' })).toMatchObject({ error: 'ROOM_NOT_FOUND' })
  })

  it('delivers a DM to its two participants only, and brings it back on the next join', async () => {
    const { client: ann } = await join('ann')
    const { client: bob } = await join('bob')
    const { client: eve } = await join('eve')
    const eveSaw: string[] = []
    eve.on('message:created', (message) => eveSaw.push(message.text))

    const added = waitForEvent(bob, 'room:added')
    const opened = await openDm(ann, 'BOB')
    expect(opened).toMatchObject({ kind: 'dm', members: ['ann', 'bob'] })
    expect((await added)[0]).toEqual(opened)

    const received = waitForEvent(bob, 'message:created', (message) => message.roomId === opened.id)
    await request(ann, 'message:send', { roomId: opened.id, text: 'just us' })
    expect((await received)[0]).toMatchObject({ author: 'ann', text: 'just us' })

    // Eve can neither read nor write it, and never saw it.
    expect(await request(eve, 'message:history', { roomId: opened.id })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    expect(await request(eve, 'room:join', { roomId: opened.id })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    await request(ann, 'message:send', { roomId: 'general', text: 'marker' })
    await expect.poll(() => eveSaw).toContain('marker')
    expect(eveSaw).not.toContain('just us')

    // Opening it again from the other side finds the same DM.
    expect(await openDm(bob, 'ann')).toEqual(opened)
    bob.disconnect()
    await expect
      .poll(async () => {
        try {
          const again = await join('bob')
          return again.joined.joinedRoomIds
        } catch {
          return []
        }
      })
      .toContain(opened.id)
  })

  it('lists a DM opened on one device on the person’s other devices at once', async () => {
    /** Two tabs of one browser (one device id) may share a name. */
    const tab = async (): Promise<TestClient> => {
      const client = connectClient(server.url)
      clients.push(client)
      const joined = await request(client, 'session:join', {
        name: 'Ann',
        token: newToken(),
        device: 'one-device-id-here',
      })
      if (!('data' in joined)) throw new Error(joined.message)
      return client
    }
    const laptop = await tab()
    const phone = await tab()
    await join('Bob')
    const added = waitForEvent(phone, 'room:added')
    const opened = await openDm(laptop, 'Bob')
    expect((await added)[0]).toEqual(opened)
  })

  it('refuses a DM with someone offline or with oneself', async () => {
    const { client: ann } = await join('ann')
    expect(await request(ann, 'dm:open', { name: 'ghost' })).toEqual({
      error: 'USER_NOT_FOUND',
      message: 'ghost is not online',
    })
    expect(await request(ann, 'dm:open', { name: 'Ann' })).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
  })

  it('relays typing to the others in the room, not back to the typist', async () => {
    const { client: ann } = await join('ann')
    const { client: bob } = await join('bob')
    let annHeardHerself = false
    ann.on('typing:changed', () => (annHeardHerself = true))
    const typing = waitForEvent(bob, 'typing:changed')
    expect(await request(ann, 'typing:set', { roomId: 'general', typing: true })).toEqual({
      data: null,
    })
    expect((await typing)[0]).toEqual({ roomId: 'general', name: 'ann', typing: true })
    const stopped = waitForEvent(bob, 'typing:changed', (event) => !event.typing)
    await request(ann, 'typing:set', { roomId: 'general', typing: false })
    await stopped
    expect(annHeardHerself).toBe(false)
  })
})
