import { describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { waitUntil } from '../helpers/server'
import { useAppFixture } from './app-fixture'

describe('removing people, in the app', () => {
  const t = useServerFixture()
  const apps = useAppFixture()
  const moderating = { moderatorPassword: 'keys to the lab' }

  it('signs the person out saying why; every moderator’s list of who is kept out follows the others', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const mia = await apps.join(t.server.url, 'Mia', moderating)
    const max = await apps.join(t.server.url, 'Max', moderating)
    const bob = await apps.join(t.server.url, 'Bob')
    expect([mia.session.moderator, max.session.moderator, bob.session.moderator]).toEqual([true, true, false])

    expect(await mia.moderation.remove('Bob', 15)).toBeNull()
    await waitUntil(() => !bob.session.joined, 10_000, 'Bob signed out')
    expect(bob.session.joinError).toBe('A moderator (Mia) removed you from this server for 15 minutes.')
    await waitUntil(() => max.moderation.removals.length === 1, 10_000, 'Max told')
    expect(max.moderation.removals[0]).toMatchObject({ name: 'Bob', by: 'Mia' })
    await waitUntil(() => !mia.presence.members.some((member) => member.name === 'Bob'), 10_000, 'Bob gone')

    // A moderator joining later finds the list as it is; one who is not has none.
    const zoe = await apps.join(t.server.url, 'Zoe', moderating)
    await waitUntil(() => zoe.moderation.removals.length === 1, 10_000, 'Zoe’s list')
    const cy = await apps.join(t.server.url, 'Cy')
    expect(cy.moderation.removals).toEqual([])
    expect(await cy.moderation.remove('Mia', 15)).toMatchObject({ error: 'FORBIDDEN' })

    expect(await max.moderation.lift('Bob')).toBeNull()
    expect(max.moderation.removals).toEqual([])
    await waitUntil(() => mia.moderation.removals.length === 0, 10_000, 'Mia told')
  })

  it('holds back only the room whose slow mode refused a message, while other rooms’ messages go', async () => {
    await t.start({ moderatorPassword: 'keys to the lab' })
    const mia = await apps.join(t.server.url, 'Mia', moderating)
    const bob = await apps.join(t.server.url, 'Bob')
    expect(await bob.rooms.create('lab')).toBeNull()
    await waitUntil(() => mia.rooms.rooms.some((room) => room.id === 'lab'), 10_000, 'Mia sees #lab')
    expect(await mia.rooms.setSlowMode('lab', 10)).toBeNull()
    await waitUntil(() => bob.rooms.activeRoom?.slowModeSeconds === 10, 10_000, 'Bob sees slow mode')

    expect(await bob.messages.send('lab', 'one')).toBeNull()
    // Sent straight from the store, as a second device of Bob's racing this one would: the server refuses it.
    void bob.messages.send('lab', 'two')
    // #general is not held back behind it, nor is a DM.
    expect(await bob.messages.send('general', 'meanwhile')).toBeNull()
    const lab = () => bob.messages.timeline('lab').messages.map((message) => `${message.text}:${message.state}`)
    expect(lab()).toEqual(['one:sent', 'two:pending'])
    // Once the ten seconds are over, it goes by itself.
    await expect.poll(lab, { timeout: 25_000 }).toEqual(['one:sent', 'two:sent'])
  })
})
