import { describe, expect, it } from 'vitest'
import { request, sendMessage } from '../helpers/request'
import { waitForEvent } from '../helpers/server'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('pinned messages in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('pins a message for everyone, lists the room’s pins, opens one however far back, and unpins it', async () => {
    const wifi = await sendMessage(lan.bob, { roomId: 'general', text: 'wifi: parley-lab / hunter2' })
    if (!('data' in wifi)) throw new Error(wifi.message)
    for (let n = 1; n <= 70; n++) await sendMessage(lan.bob, { roomId: 'general', text: `note ${n}` })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await expectPage(ann.getByTestId('message-text').last()).toHaveText('note 70')
    await expectPage(ann.getByTestId('pins-open')).toHaveCount(0)

    // Bob pins it (far above what Ann's page holds); Ann sees the room's pins at once.
    await request(lan.bob, 'message:pin', { id: wifi.data.id, pinned: true })
    const pinsOpen = ann.getByTestId('pins-open')
    await expectPage(pinsOpen).toHaveText('📌 1 pinned')
    // Ann pins one of hers from the message's actions; it says who pinned it.
    const last = ann.getByTestId('message').last()
    await last.hover()
    await last.getByTestId('message-pin').click()
    await expectPage(last.getByTestId('message-pinned')).toHaveText('📌 Pinned by Ann')
    await expectPage(pinsOpen).toHaveText('📌 2 pinned')

    // Kept by the server: a reload lists them, latest pinned first.
    await ann.reload()
    await expectPage(pinsOpen).toHaveText('📌 2 pinned')
    await pinsOpen.click()
    await expectPage(pinsOpen).toHaveAttribute('aria-pressed', 'true')
    await expectPage(ann.getByTestId('pinned-item-text')).toHaveText(['note 70', 'wifi: parley-lab / hunter2'])
    await ann.getByTestId('pinned-item').last().click()
    const shown = ann.locator('[data-testid=message][data-revealed=true]')
    await expectPage(shown.getByTestId('message-text')).toHaveText('wifi: parley-lab / hunter2')
    await expectPage(shown.getByTestId('message-pinned')).toHaveText('📌 Pinned by Bob')

    // Unpinned from the message: gone from the list, for Bob too.
    const unpinned = waitForEvent(lan.bob, 'message:updated', (message) => message.id === wifi.data.id)
    await shown.hover()
    await expectPage(shown.getByTestId('message-pin')).toHaveText('Unpin')
    await shown.getByTestId('message-pin').click()
    expect((await unpinned)[0]).not.toHaveProperty('pinned')
    await expectPage(shown.getByTestId('message-pinned')).toHaveCount(0)
    await expectPage(ann.getByTestId('pinned-item-text')).toHaveText(['note 70'])
    await expectPage(pinsOpen).toHaveText('📌 1 pinned')
  })

  it('saves a message for later: listed across rooms and reloads, edited in place, opened there, let go', async () => {
    const plan = await sendMessage(lan.bob, { roomId: 'general', text: 'demo plan: polling first, then WebSocket' })
    if (!('data' in plan)) throw new Error(plan.message)
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const savedOpen = ann.getByTestId('saved-open')
    await expectPage(savedOpen).toHaveText('Saved messages')
    const message = ann.getByTestId('message').filter({ hasText: 'demo plan' })
    await message.hover()
    await message.getByTestId('message-save').click()
    await expectPage(message.getByTestId('message-saved')).toHaveText('🔖 Saved for later')
    await expectPage(message.getByTestId('message-save')).toHaveAttribute('aria-pressed', 'true')
    await expectPage(savedOpen).toHaveText('Saved messages (1)')

    // Kept by the server; listed from another room after a reload, as it is now.
    await ann.getByTestId('room-create').click()
    await ann.getByTestId('room-create-name').fill('lab')
    await ann.getByTestId('room-create-name').press('Enter')
    await expectPage(ann.getByTestId('room-title')).toHaveText('#lab')
    await ann.reload()
    await savedOpen.click()
    await expectPage(ann.getByTestId('saved-item-text')).toHaveText(['demo plan: polling first, then WebSocket'])
    await request(lan.bob, 'message:edit', { id: plan.data.id, text: 'demo plan: long-polling first, then WebSocket' })
    await expectPage(ann.getByTestId('saved-item-text')).toHaveText(['demo plan: long-polling first, then WebSocket'])
    await ann.getByTestId('saved-item').click()
    await expectPage(ann.getByTestId('room-title')).toHaveText('#general')
    const shown = ann.locator('[data-testid=message][data-revealed=true]')
    await expectPage(shown.getByTestId('message-saved')).toHaveText('🔖 Saved for later')

    await ann.getByTestId('saved-remove').click()
    await expectPage(ann.getByTestId('saved-empty')).toBeVisible()
    await expectPage(shown.getByTestId('message-saved')).toHaveCount(0)
    await expectPage(savedOpen).toHaveText('Saved messages')
  })
})
