import { describe, it } from 'vitest'
import { annAndBob, joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

describe('private rooms in Chromium', () => {
  const e2e = useE2e()

  it('makes a room only the people added see, with its history, until they leave it', async () => {
    const lan = await e2e.server({ name: 'E2E' })
    const { ann, bob } = await annAndBob(e2e.browser, lan.url)
    const cy = await e2e.browser.newPerson()
    await joinAs(cy, lan.url, 'Cy')

    await ann.getByTestId('room-create').click()
    await ann.getByTestId('room-create-name').fill('plans')
    await ann.getByTestId('room-create-private').check()
    await ann.getByTestId('room-create-name').press('Enter')
    const annsRoom = ann.locator('[data-testid=room-item][data-private=true]')
    await expectPage(annsRoom).toHaveText(/^#plans\s*🔒$/)
    await expectPage(annsRoom).toHaveClass(/room--active/)
    await expectPage(ann.getByTestId('room-people')).toHaveText('🔒 Only you')
    await say(ann, 'the surprise is on friday')

    // Someone who is not online cannot be added; Bob can.
    await ann.getByTestId('room-invite').click()
    await ann.getByTestId('room-invite-input').fill('Zed')
    await ann.getByTestId('room-invite-input').press('Enter')
    await expectPage(ann.getByTestId('room-invite-error')).toHaveText('Not added: Zed is not online')
    await ann.getByTestId('room-invite-input').fill('bob')
    await ann.getByTestId('room-invite-input').press('Enter')
    await expectPage(ann.getByTestId('room-people')).toHaveText('🔒 2 people')
    await expectPage(ann.getByTestId('room-people')).toHaveAttribute('title', 'Ann, Bob')

    const bobsRoom = bob.locator('[data-testid=room-item][data-private=true]')
    await bobsRoom.click()
    await expectPage(bob.getByTestId('message-text')).toHaveText(['the surprise is on friday'])
    await say(bob, 'I will bring a cake')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['the surprise is on friday', 'I will bring a cake'])
    // Cy never sees it, not even after a reload.
    await cy.reload()
    await cy.getByTestId('composer-input').waitFor()
    await expectPage(cy.getByTestId('room-item')).toHaveCount(1)

    // Bob leaves, for good, so he is asked first: Esc changes his mind.
    const leave = bob.locator('.room-row', { has: bobsRoom }).getByTestId('room-leave')
    await bobsRoom.hover()
    await leave.click()
    await expectPage(bob.getByTestId('room-leave-confirm')).toHaveCount(1)
    await bob.keyboard.press('Escape')
    await expectPage(bob.getByTestId('room-leave-confirm')).toHaveCount(0)
    await expectPage(bobsRoom).toHaveCount(1)
    await bobsRoom.hover()
    await leave.click()
    await bob.getByTestId('room-leave-confirm').click()
    // It is gone from his list, and Ann sees him go.
    await expectPage(bobsRoom).toHaveCount(0)
    await expectPage(bob.getByTestId('room-item').and(bob.locator('.room--active'))).toHaveAttribute(
      'data-room',
      'general',
    )
    await expectPage(ann.getByTestId('room-people')).toHaveText('🔒 Only you')
  })

  it('lets the person who made it take someone out, who loses it at once', async () => {
    const lan = await e2e.server({ name: 'E2E' })
    const { ann, bob } = await annAndBob(e2e.browser, lan.url)
    await ann.getByTestId('room-create').click()
    await ann.getByTestId('room-create-name').fill('plans')
    await ann.getByTestId('room-create-private').check()
    await ann.getByTestId('room-create-name').press('Enter')
    // Alone in it, there is nobody to take out.
    await expectPage(ann.getByTestId('room-remove-person')).toHaveCount(0)
    await ann.getByTestId('room-invite').click()
    await ann.getByTestId('room-invite-input').fill('Bob')
    await ann.getByTestId('room-invite-input').press('Enter')
    const bobsRoom = bob.locator('[data-testid=room-item][data-private=true]')
    await expectPage(bobsRoom).toHaveCount(1)
    await bobsRoom.click()
    // Only its owner may take people out.
    await expectPage(bob.getByTestId('room-remove-person')).toHaveCount(0)

    await ann.getByTestId('room-remove-person').click()
    await expectPage(ann.getByTestId('room-invite')).toHaveCount(0)
    await ann.getByTestId('room-remove-person-input').fill('Zed')
    await ann.getByTestId('room-remove-person-input').press('Enter')
    await expectPage(ann.getByTestId('room-remove-person-error')).toHaveText('Not taken out: Zed is not in this room')
    await ann.getByTestId('room-remove-person-input').fill('bob')
    await ann.getByTestId('room-remove-person-input').press('Enter')
    await expectPage(bobsRoom).toHaveCount(0)
    await expectPage(bob.getByTestId('room-title')).toHaveText('#general')
    await expectPage(ann.getByTestId('room-people')).toHaveText('🔒 Only you')
    await expectPage(ann.getByTestId('room-invite')).toHaveCount(1)
  })
})
