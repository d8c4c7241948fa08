import { describe, expect, it } from 'vitest'
import { openDm, sendMessage } from '../helpers/request'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('closing a DM in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('takes a DM out of the list until a message comes in it or it is opened again, across a reload', async () => {
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const dm = await openDm(lan.bob, 'Ann')
    await sendMessage(lan.bob, { roomId: dm.id, text: 'lunch?' })
    const item = ann.locator(`[data-testid=room-item][data-room="${dm.id}"]`)
    const active = ann.locator('.room--active')
    await item.click()
    await expectPage(ann.getByTestId('message-text')).toHaveText(['lunch?'])

    // Closing the DM in view gives way to #general.
    await ann.locator('.room-row', { has: item }).getByTestId('dm-hide').click()
    await expectPage(item).toHaveCount(0)
    await expectPage(active).toHaveAttribute('data-room', 'general')
    await ann.reload()
    await expectPage(ann.getByTestId('composer-input')).toBeVisible()
    await expectPage(active).toHaveAttribute('data-room', 'general')
    await expectPage(item).toHaveCount(0)

    // The Go to box still finds it, and opening it lists it again.
    await ann.getByTestId('composer-input').focus()
    await ann.keyboard.press('Control+g')
    await ann.keyboard.type('bo')
    await expectPage(ann.getByTestId('switcher-option')).toHaveText(['Bob'])
    await ann.keyboard.press('Enter')
    await expectPage(active).toHaveAttribute('data-room', dm.id)
    await ann.locator('[data-testid=room-item][data-room=general]').click()
    await expectPage(item).toHaveCount(1)

    // Closed again, Bob's next message brings it back, unread.
    await ann.locator('.room-row', { has: item }).getByTestId('dm-hide').click()
    await expectPage(item).toHaveCount(0)
    await sendMessage(lan.bob, { roomId: dm.id, text: 'still on for lunch?' })
    await expectPage(item.getByTestId('room-unread')).toHaveText('1')
    await expect.poll(() => ann.title()).toMatch(/^\(1\)/)

    // Closed unread: what was unread is dismissed with it, and the next message alone counts.
    await ann.locator('.room-row', { has: item }).getByTestId('dm-hide').click()
    await expectPage(item).toHaveCount(0)
    await expect.poll(() => ann.title()).not.toMatch(/^\(/)
    await sendMessage(lan.bob, { roomId: dm.id, text: 'hello?' })
    await expectPage(item.getByTestId('room-unread')).toHaveText('1')
  })
})
