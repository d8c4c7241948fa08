import { describe, expect, it } from 'vitest'
import { request, sendMessage } from '../helpers/request'
import { connectClient, newToken, waitForEvent } from '../helpers/server'
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

  it('reminds of a saved message: set from the list, come due above the messages, opened there and done', async () => {
    const later = await sendMessage(lan.bob, { roomId: 'general', text: 'call the caterer back' })
    if (!('data' in later)) throw new Error(later.message)
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.getByTestId('saved-open').click()
    // Set from the list: the message is saved and says when.
    const message = ann.getByTestId('message').filter({ hasText: 'caterer' })
    await message.hover()
    await message.getByTestId('message-save').click()
    await ann.getByTestId('saved-remind').selectOption('20m')
    await expectPage(ann.getByTestId('saved-reminder')).toHaveText(/^⏰ (?:[A-Z][a-z]+ )?\d/)
    await expectPage(message.getByTestId('message-saved')).toHaveText(/^🔖 Saved for later · ⏰ (?:[A-Z][a-z]+ )?\d/)
    await ann.getByTestId('saved-remind').selectOption('none')
    await expectPage(ann.getByTestId('saved-reminder')).toHaveCount(0)
    await expectPage(message.getByTestId('message-saved')).toHaveText('🔖 Saved for later')
    await expectPage(ann.getByTestId('saved-item')).toHaveCount(1)

    // Another tab of Ann's browser sets one a moment ahead: this page's own timer brings it due.
    const device = (await ann.evaluate("localStorage.getItem('parley:device')")) as string
    const tab = connectClient(lan.server.url)
    try {
      const joined = await request(tab, 'session:join', { name: 'Ann', token: newToken(), device })
      if (!('data' in joined)) throw new Error(joined.message)
      await request(lan.bob, 'room:create', { name: 'lab' })
      await ann.locator('[data-testid=room-item][data-room=lab]').click()
      await expectPage(ann.getByTestId('room-title')).toHaveText('#lab')
      expect(await request(tab, 'message:remind', { id: later.data.id, at: Date.now() + 1000 })).toHaveProperty('data')
      const due = ann.getByTestId('reminder-due')
      await expectPage(due).toHaveText(/⏰ Reminder\s*Bob in #general: call the caterer back/)
      await expectPage(ann.getByTestId('saved-reminder')).toHaveText('⏰ Now')
      const done = waitForEvent(tab, 'saved:changed')
      await ann.getByTestId('reminder-open').click()
      await expectPage(ann.getByTestId('room-title')).toHaveText('#general')
      await expectPage(ann.locator('[data-testid=message][data-revealed=true]')).toHaveText(/call the caterer back/)
      await expectPage(due).toHaveCount(0)
      // Done on every device, and still saved.
      expect((await done)[0]).toEqual({
        message: expect.objectContaining({ id: later.data.id }),
        savedAt: expect.any(Number),
      })
      await expectPage(ann.getByTestId('saved-item')).toHaveCount(1)
    } finally {
      tab.close()
    }
  })
})
