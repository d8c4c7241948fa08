import { describe, expect, it } from 'vitest'
import { request } from '../helpers/request'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('#rooms in messages, in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('opens a room named in a message, joining it, and completes #names in the composer', async () => {
    await request(lan.bob, 'room:create', { name: 'lab' })
    await request(lan.bob, 'message:send', { roomId: 'general', text: 'notes are in #lab, not #nowhere' })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const link = ann.getByTestId('message-room-link')
    await expectPage(link).toHaveText('#lab')
    await expectPage(link).toHaveAttribute('data-room', 'lab')
    await expectPage(ann.getByTestId('message-text')).toHaveText('notes are in #lab, not #nowhere')
    await link.click()
    await expectPage(ann.getByTestId('room-title')).toHaveText('#lab')
    await expectPage(ann.locator('[data-testid=room-item][data-room=lab]')).toHaveClass(/room--active/)

    const input = ann.getByTestId('composer-input')
    await input.fill('back in #gen')
    await input.press('End')
    await expectPage(ann.getByTestId('room-suggestion')).toHaveText(['#general'])
    await input.press('Enter')
    expect(await input.inputValue()).toBe('back in #general ')
  })
})
