import { describe, expect, it } from 'vitest'
import { request, sendMessage } from '../helpers/request'
import { waitForEvent } from '../helpers/server'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('passing a message on in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('forwards a message to another room with a few words, shows where it came from, and opens it there', async () => {
    const plan = await sendMessage(lan.bob, { roomId: 'general', text: 'demo plan: *polling* first, then WebSocket' })
    if (!('data' in plan)) throw new Error(plan.message)
    await request(lan.bob, 'room:create', { name: 'lab' })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.locator('[data-testid=room-item][data-room=lab]').click()
    await expectPage(ann.getByTestId('room-title')).toHaveText('#lab')
    await ann.locator('[data-testid=room-item][data-room=general]').click()

    const message = ann.getByTestId('message').filter({ hasText: 'demo plan' })
    await message.hover()
    await message.getByTestId('message-forward').click()
    await expectPage(ann.getByTestId('forward')).toBeVisible()
    await expectPage(ann.getByTestId('forward-preview')).toHaveText(/Bob: demo plan/)
    await ann.getByTestId('forward-comment').fill('for tomorrow')
    await ann.getByTestId('forward-input').fill('la')
    await expectPage(ann.getByTestId('forward-option')).toHaveText(['#lab'])
    // Bob, in #lab too, gets it with the copy it carries.
    const bobGot = waitForEvent(lan.bob, 'message:created', (created) => created.roomId === 'lab')
    await ann.getByTestId('forward-input').press('Enter')

    await expectPage(ann.getByTestId('forward')).toHaveCount(0)
    await expectPage(ann.getByTestId('room-title')).toHaveText('#lab')
    const passed = ann.getByTestId('message').filter({ hasText: 'for tomorrow' })
    await expectPage(passed.getByTestId('message-forwarded-from')).toHaveText('↪ Forwarded from Bob in #general')
    // Formatted as the original was, as text.
    await expectPage(passed.locator('[data-testid=message-forwarded-text] em')).toHaveText(['polling'])
    expect((await bobGot)[0]).toMatchObject({
      author: 'Ann',
      text: 'for tomorrow',
      forwarded: { id: plan.data.id, roomId: 'general', author: 'Bob' },
    })

    await passed.getByTestId('message-forwarded-from').click()
    await expectPage(ann.getByTestId('room-title')).toHaveText('#general')
    await expectPage(ann.locator('[data-testid=message][data-revealed=true]')).toHaveText(/demo plan/)
  })
})
