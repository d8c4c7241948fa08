import { afterEach, describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { connectClient, newToken, waitForEvent, type TestClient } from '../helpers/server'

describe('moderators', () => {
  const t = useServerFixture()
  const clients: TestClient[] = []
  afterEach(() => clients.splice(0).forEach((client) => client.disconnect()))

  /** Joins as `name` giving `moderatorPassword`; the join's answer. */
  async function joinGiving(name: string, moderatorPassword?: string) {
    const client = connectClient(t.server.url)
    clients.push(client)
    const joined = await request(client, 'session:join', {
      name,
      token: newToken(),
      ...(moderatorPassword !== undefined && { moderatorPassword }),
    })
    return { client, joined }
  }

  it('delete anyone’s message in a public room, saying who did; nobody else may', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const bob = await t.join('Bob')
    const cy = await t.join('Cy')
    const { client: mod, joined } = await joinGiving('Mia', 'keys to the lab')
    expect(joined).toMatchObject({ data: { name: 'Mia', moderator: true } })
    const rude = await t.send(bob, 'something rude')

    expect(await request(cy, 'message:delete', { id: rude.id })).toEqual({
      error: 'FORBIDDEN',
      message: 'Only its author can change a message',
    })
    // A moderator may not edit it, only delete it.
    expect(await request(mod, 'message:edit', { id: rude.id, text: 'nicer' })).toMatchObject({ error: 'FORBIDDEN' })
    const seen = waitForEvent(cy, 'message:updated', (message) => message.id === rude.id)
    const deleted = await request(mod, 'message:delete', { id: rude.id })
    expect(deleted).toMatchObject({ data: { id: rude.id, text: '', author: 'Bob', deletedBy: 'Mia' } })
    expect((await seen)[0]).toMatchObject({ deletedBy: 'Mia', text: '' })
    expect((await t.history(cy)).messages[0]).toMatchObject({ deletedBy: 'Mia' })
    // One's own deletion names nobody.
    const own = await t.send(bob, 'typo')
    expect(await request(bob, 'message:delete', { id: own.id })).toMatchObject({ data: { text: '' } })
    expect((await t.history(cy)).messages[1]!.deletedBy).toBeUndefined()
  })

  it('cannot touch a DM, theirs or others’', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const bob = await t.join('Bob')
    await t.join('Cy')
    const { client: mod } = await joinGiving('Mia', 'keys to the lab')
    const dm = await request(bob, 'dm:open', { name: 'Cy' })
    if (!('data' in dm)) throw new Error(dm.message)
    const secret = await t.send(bob, 'just between us', dm.data.id)
    expect(await request(mod, 'message:delete', { id: secret.id })).toMatchObject({ error: 'MESSAGE_NOT_FOUND' })
    const withMia = await request(bob, 'dm:open', { name: 'Mia' })
    if (!('data' in withMia)) throw new Error(withMia.message)
    const toMia = await t.send(bob, 'hello Mia', withMia.data.id)
    expect(await request(mod, 'message:delete', { id: toMia.id })).toMatchObject({ error: 'FORBIDDEN' })
  })

  it('refuses a wrong moderator password, without the name, and after five a minute even the right one', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    for (let attempt = 0; attempt < 5; attempt++) {
      const { joined } = await joinGiving('Mia', `guess ${attempt}`)
      expect(joined).toEqual({ error: 'FORBIDDEN', message: 'Wrong moderator password' })
    }
    const { joined } = await joinGiving('Mia', 'keys to the lab')
    expect(joined).toMatchObject({ error: 'RATE_LIMITED', message: expect.stringMatching(/^Too many wrong moderator/) })
    // Nothing was claimed by the refused joins: the name is free, and joining without the password works.
    expect((await joinGiving('Mia')).joined).toMatchObject({ data: { name: 'Mia' } })
    expect(((await joinGiving('Zed')).joined as { data: { moderator?: boolean } }).data.moderator).toBeUndefined()
  })

  it('never makes a moderator of a repeated join, whatever password it carries', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const bob = await t.join('Bob')
    const rude = await t.send(bob, 'something rude')
    const token = newToken()
    const again = connectClient(t.server.url)
    clients.push(again)
    await request(again, 'session:join', { name: 'Dee', token })
    // The join repeated, as after a lost ack, now carrying a password it never had checked.
    const repeated = await request(again, 'session:join', { name: 'Dee', token, moderatorPassword: 'guess' })
    expect(repeated).toMatchObject({ data: { name: 'Dee' } })
    expect((repeated as { data: { moderator?: boolean } }).data.moderator).toBeUndefined()
    expect(await request(again, 'message:delete', { id: rude.id })).toMatchObject({ error: 'FORBIDDEN' })
  })

  it('has none on a server without a moderator password', async () => {
    await t.start()
    expect((await joinGiving('Mia', 'anything')).joined).toEqual({
      error: 'FORBIDDEN',
      message: 'This server has no moderators',
    })
  })
})
