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
})
