import { afterEach, describe, expect, it } from 'vitest'
import type { Room } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request, requestPatiently } from '../helpers/request'
import { connectClient, newToken, waitForEvent, waitUntil, type TestClient } from '../helpers/server'

describe('private rooms', () => {
  const t = useServerFixture()
  const extra: TestClient[] = []
  afterEach(() => extra.splice(0).forEach((client) => client.disconnect()))

  /** Creates a private room as `client`; the room. */
  async function createPrivate(client: TestClient, name: string): Promise<Room> {
    const made = await request(client, 'room:create', { name, private: true })
    if (!('data' in made)) throw new Error(made.message)
    return made.data
  }

  /** Everything a person can learn of a room: whether it is listed, readable, writable, findable. */
  async function reach(client: TestClient, roomId: string, name: string, word: string) {
    const joined = await request(client, 'session:join', { name, token: newToken() })
    const listed = 'data' in joined && joined.data.rooms.some((room) => room.id === roomId)
    const history = await request(client, 'message:history', { roomId })
    const send = await request(client, 'message:send', { roomId, text: 'let me in' })
    const join = await request(client, 'room:join', { roomId })
    const found = await requestPatiently(client, 'message:search', { query: word })
    const scoped = await requestPatiently(client, 'message:search', { query: word, roomId })
    return {
      listed,
      history: 'error' in history ? history.error : 'read',
      send: 'error' in send ? send.error : 'sent',
      join: 'error' in join ? join.error : 'joined',
      found: 'data' in found ? found.data.messages.length : found.error,
      scoped: 'error' in scoped ? scoped.error : scoped.data.messages.length,
    }
  }

  it('is seen, read and found only by its people, who are added while online and see each other', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    let announced = false
    cy.on('room:created', () => (announced = true))

    const room = await createPrivate(ann, 'plans')
    expect(room).toEqual({ id: 'private:1', kind: 'private', name: 'plans', people: ['Ann'], owner: 'Ann' })
    await t.send(ann, 'the surprise party is on friday', room.id)

    // Bob is added: told at once, on his devices, with the history there to read.
    const added = waitForEvent(bob, 'room:added', (added) => added.id === room.id)
    const updatedForAnn = waitForEvent(ann, 'room:updated', (updated) => updated.id === room.id)
    const invited = await request(ann, 'room:invite', { roomId: room.id, name: 'bob' })
    expect(invited).toEqual({ data: { ...room, people: ['Ann', 'Bob'] } })
    expect((await added)[0].people).toEqual(['Ann', 'Bob'])
    expect((await updatedForAnn)[0].people).toEqual(['Ann', 'Bob'])
    expect((await t.history(bob, room.id)).messages.map((message) => message.text)).toEqual([
      'the surprise party is on friday',
    ])
    const heard = waitForEvent(ann, 'message:created', (message) => message.roomId === room.id)
    await t.send(bob, 'I will bring a cake', room.id)
    expect((await heard)[0].text).toBe('I will bring a cake')

    // Cy learns nothing of it: not listed, not announced, not readable, not found, not even by its id.
    const outsider = connectClient(t.server.url)
    extra.push(outsider)
    expect(await reach(outsider, room.id, 'Cy2', 'surprise')).toEqual({
      listed: false,
      history: 'ROOM_NOT_FOUND',
      send: 'ROOM_NOT_FOUND',
      join: 'ROOM_NOT_FOUND',
      found: 0,
      scoped: 'ROOM_NOT_FOUND',
    })
    expect(await request(cy, 'room:invite', { roomId: room.id, name: 'Cy' })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    expect(await request(cy, 'room:topic', { roomId: room.id, topic: 'mine now' })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    expect((await fetch(`${t.server.url}/api/rooms/${encodeURIComponent(room.id)}/messages`)).status).not.toBe(200)
    expect(announced).toBe(false)
    // Its people find it.
    expect(await requestPatiently(bob, 'message:search', { query: 'surprise' })).toMatchObject({
      data: { messages: [{ roomId: room.id }] },
    })

    // Only someone online may be added, and only to a private room.
    expect(await request(ann, 'room:invite', { roomId: room.id, name: 'Zed' })).toEqual({
      error: 'USER_NOT_FOUND',
      message: 'Zed is not online',
    })
    expect(await request(ann, 'room:invite', { roomId: 'general', name: 'Cy' })).toMatchObject({ error: 'FORBIDDEN' })
  })

  it('keeps its topic among its people, lets one leave for good, and outlives a restart', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    const room = await createPrivate(ann, 'plans')
    await request(ann, 'room:invite', { roomId: room.id, name: 'Bob' })
    let cySawIt = false
    cy.on('room:updated', (updated) => (cySawIt ||= updated.id === room.id))

    const topicForBob = waitForEvent(bob, 'room:updated', (updated) => updated.topic === 'friday')
    expect(await request(ann, 'room:topic', { roomId: room.id, topic: 'friday' })).toMatchObject({
      data: { topic: 'friday', people: ['Ann', 'Bob'] },
    })
    await topicForBob

    // Bob leaves: Ann sees him go, and he can no longer read it or come back by himself.
    const left = waitForEvent(ann, 'room:updated', (updated) => updated.people?.length === 1)
    expect(await request(bob, 'room:leave', { roomId: room.id })).toEqual({ data: null })
    expect((await left)[0].people).toEqual(['Ann'])
    expect(await request(bob, 'message:history', { roomId: room.id })).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    expect(await request(bob, 'room:join', { roomId: room.id })).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    await request(cy, 'session:ping', { sentAt: 0 })
    expect(cySawIt).toBe(false)

    // After a restart, Ann is in it again with its topic; a second private room of the same name is another room.
    await t.stop()
    await t.start()
    const annAgain = connectClient(t.server.url)
    extra.push(annAgain)
    const rejoined = await request(annAgain, 'session:join', { name: 'ann', token: newToken() })
    if (!('data' in rejoined)) throw new Error(rejoined.message)
    expect(rejoined.data.rooms.filter((listed) => listed.kind === 'private')).toEqual([
      { ...room, topic: 'friday', people: ['Ann'] },
    ])
    expect(rejoined.data.joinedRoomIds).toContain(room.id)
    expect(await createPrivate(annAgain, 'plans')).toMatchObject({ id: 'private:2', name: 'plans' })
  })

  it('lets the person who made it take someone out, on all their devices, as if they had left', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    const room = await createPrivate(ann, 'plans')
    expect(room).toMatchObject({ owner: 'Ann', people: ['Ann'] })
    for (const name of ['Bob', 'Cy']) await request(ann, 'room:invite', { roomId: room.id, name })
    await t.send(bob, 'hello all', room.id)

    const refused = {
      error: 'FORBIDDEN',
      message: 'Only the owner of a private room can take people out of it',
    }
    expect(await request(bob, 'room:remove-person', { roomId: room.id, name: 'Cy' })).toEqual(refused)
    expect(await request(ann, 'room:remove-person', { roomId: room.id, name: 'ann' })).toEqual({
      error: 'FORBIDDEN',
      message: 'To go, leave the room',
    })
    expect(await request(ann, 'room:remove-person', { roomId: room.id, name: 'Zed' })).toEqual({
      error: 'USER_NOT_FOUND',
      message: 'Zed is not in this room',
    })

    const bobOut = waitForEvent(bob, 'room:left', ({ roomId }) => roomId === room.id)
    const cySees = waitForEvent(cy, 'room:updated', (updated) => updated.people?.length === 2)
    const removed = await request(ann, 'room:remove-person', { roomId: room.id, name: 'BOB' })
    expect(removed).toMatchObject({ data: { id: room.id, people: ['Ann', 'Cy'] } })
    // Told who did it, unlike a leave from another device of his own.
    expect((await bobOut)[0]).toEqual({ roomId: room.id, by: 'Ann' })
    expect((await cySees)[0].people).toEqual(['Ann', 'Cy'])
    // Gone for good: as for anyone outside, it does not exist for Bob.
    expect(await request(bob, 'message:history', { roomId: room.id })).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    expect(await request(bob, 'message:send', { roomId: room.id, text: 'still here?' })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
    // Only Ann may bring him back.
    expect(await request(ann, 'room:invite', { roomId: room.id, name: 'Bob' })).toMatchObject({ data: {} })
    // A public room has nobody to take out.
    await request(ann, 'room:create', { name: 'open' })
    expect(await request(ann, 'room:remove-person', { roomId: 'open', name: 'Bob' })).toEqual(refused)
  })

  it('passes to whoever has been in it longest when its owner leaves, for good', async () => {
    await t.start()
    const ann = await t.join('Ann')
    await t.join('Zed') // Only someone online can be added.
    const bob = await t.join('Bob')
    const room = await createPrivate(ann, 'plans')
    await request(ann, 'room:invite', { roomId: room.id, name: 'Zed' })
    // Bob comes later (on a later millisecond): the order is by time, not by name.
    const zedCame = Date.now()
    await waitUntil(() => Date.now() > zedCame)
    await request(ann, 'room:invite', { roomId: room.id, name: 'Bob' })

    const bobSees = waitForEvent(bob, 'room:updated', (updated) => updated.id === room.id && updated.owner === 'Zed')
    expect(await request(ann, 'room:leave', { roomId: room.id })).toEqual({ data: null })
    expect((await bobSees)[0]).toMatchObject({ owner: 'Zed', people: ['Bob', 'Zed'] })
    const refused = { error: 'FORBIDDEN', message: 'Only the owner of a private room can take people out of it' }
    expect(await request(bob, 'room:remove-person', { roomId: room.id, name: 'Zed' })).toEqual(refused)

    // Kept across a restart.
    await t.stop()
    await t.start()
    const zedAgain = await t.join('Zed')
    expect(await request(zedAgain, 'room:remove-person', { roomId: room.id, name: 'Bob' })).toMatchObject({
      data: { owner: 'Zed', people: ['Zed'] },
    })
  })

  it('gives moderators no power over it', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const ann = await t.join('Ann')
    const mia = connectClient(t.server.url)
    extra.push(mia)
    await request(mia, 'session:join', { name: 'Mia', token: newToken(), moderatorPassword: 'keys to the lab' })
    const room = await createPrivate(ann, 'plans')
    await request(ann, 'room:invite', { roomId: room.id, name: 'Mia' })
    const said = await t.send(ann, 'mine to delete', room.id)
    expect(await request(mia, 'message:delete', { id: said.id })).toMatchObject({ error: 'FORBIDDEN' })
  })
})
