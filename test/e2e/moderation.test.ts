import { describe, it } from 'vitest'
import { joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

describe('moderation in Chromium', () => {
  const e2e = useE2e()

  it('lets a moderator delete anyone’s message in a room, for everyone, saying who did', async () => {
    const moderated = await e2e.server({ name: 'E2E', moderatorPassword: 'keys to the lab' })
    const mia = await e2e.browser.newPerson()
    const bob = await e2e.browser.newPerson()
    await mia.goto(moderated.url)
    await mia.getByTestId('join-name').fill('Mia')
    await mia.locator('.join__moderate summary').click()
    await mia.getByTestId('join-moderator-password').fill('keys to the lab')
    await mia.getByTestId('join-submit').click()
    await mia.getByTestId('composer-input').waitFor()
    await joinAs(bob, moderated.url, 'Bob')
    await say(bob, 'something rude')
    await say(bob, 'something fine')
    const rude = mia.getByTestId('message').filter({ hasText: 'something rude' })
    await expectPage(rude).toHaveAttribute('data-state', 'sent')
    // Bob may delete only his own; Mia may delete his, and survives a reload as a moderator.
    await expectPage(bob.getByTestId('message-delete')).toHaveCount(2)
    await mia.reload()
    await rude.hover()
    await rude.getByTestId('message-delete').click()
    await rude.getByTestId('message-delete-confirm').click()
    const note = 'Message deleted by a moderator (Mia)'
    await expectPage(bob.getByTestId('message-text')).toHaveText([note, 'something fine'])
    await expectPage(mia.getByTestId('message-text')).toHaveText([note, 'something fine'])
  })
})
