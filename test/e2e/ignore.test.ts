import { describe, it } from 'vitest'
import { request } from '../helpers/request'
import { joinAs as joinClient } from '../helpers/server'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('ignoring someone in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('folds their messages away, counts none of them unread, and keeps it so across a reload', async () => {
    const { client: cy } = await joinClient(lan.server.url, 'Cy')
    try {
      await request(lan.bob, 'message:send', { roomId: 'general', text: 'buy my mixtape' })
      await request(cy, 'message:send', { roomId: 'general', text: 'morning' })
      const ann = await e2e.browser.newPerson()
      await joinAs(ann, lan.server.url, 'Ann')
      const folded = ann.getByTestId('message-ignored')
      const texts = ann.getByTestId('message-text')
      await expectPage(texts).toHaveText(['buy my mixtape', 'morning'])

      await ann.getByTestId('message-author').filter({ hasText: 'Bob' }).click()
      const ignore = ann.getByTestId('person-card-ignore')
      await expectPage(ignore).toHaveAttribute('aria-pressed', 'false')
      await ignore.click()
      await expectPage(ignore).toHaveAttribute('aria-pressed', 'true')
      await expectPage(ignore).toHaveText('Stop ignoring')
      await ann.keyboard.press('Escape')
      await expectPage(folded).toHaveCount(1)
      await expectPage(folded).toHaveText(/^A message from Bob, whom you ignore/)
      await expectPage(texts).toHaveText(['morning'])
      await ann.getByTestId('message-ignored-show').click()
      await expectPage(texts).toHaveText(['buy my mixtape', 'morning'])

      // In another room: Bob's new messages, even calling Ann by name, count for nothing; Cy's do.
      await ann.getByTestId('room-create').click()
      await ann.getByTestId('room-create-name').fill('lab')
      await ann.getByTestId('room-create-name').press('Enter')
      await expectPage(ann.locator('[data-testid=room-item][data-room=lab]')).toHaveClass(/room--active/)
      await request(lan.bob, 'message:send', { roomId: 'general', text: '@Ann seriously, buy it' })
      await request(cy, 'message:send', { roomId: 'general', text: 'anyone for lunch?' })
      const general = ann.locator('[data-testid=room-item][data-room=general]')
      await expectPage(general.getByTestId('room-unread')).toHaveText('1')
      await expectPage(general.getByTestId('room-mentions')).toHaveCount(0)

      // The server keeps the list: after a reload both of Bob's are folded, and he is listed.
      await ann.reload()
      await expectPage(ann.getByTestId('ignored-open')).toHaveText('Ignored people (1)')
      await ann.getByTestId('ignored-open').click()
      await expectPage(ann.locator('[data-testid=ignored-item] span')).toHaveText(['Bob'])
      await general.click()
      await expectPage(folded).toHaveCount(2)
      await expectPage(texts).toHaveText(['morning', 'anyone for lunch?'])
      // Typing, he is not named; Cy is.
      await request(lan.bob, 'typing:set', { roomId: 'general', typing: true })
      await request(cy, 'typing:set', { roomId: 'general', typing: true })
      await expectPage(ann.getByTestId('typing')).toHaveText('Cy is typing…')
      await request(cy, 'typing:set', { roomId: 'general', typing: false })
      await expectPage(ann.getByTestId('typing')).toHaveText('')

      await ann.getByTestId('message-author').filter({ hasText: 'Cy' }).first().click()
      await expectPage(ann.getByTestId('person-card-ignore')).toHaveAttribute('aria-pressed', 'false')
      await ann.keyboard.press('Escape')
      // Shown anyway, one of his opens his card, where he is no longer ignored.
      await ann.getByTestId('message-ignored-show').first().click()
      await expectPage(folded).toHaveCount(1)
      await ann.getByTestId('message-author').filter({ hasText: 'Bob' }).click()
      await ann.getByTestId('person-card-ignore').click()
      await expectPage(ann.getByTestId('person-card-ignore')).toHaveText('Ignore')
      await ann.keyboard.press('Escape')
      await expectPage(folded).toHaveCount(0)
      await expectPage(texts).toHaveText(['buy my mixtape', 'morning', '@Ann seriously, buy it', 'anyone for lunch?'])
      await expectPage(ann.getByTestId('ignored-empty')).toBeVisible()
      await expectPage(ann.getByTestId('ignored-open')).toHaveCount(0)
      await ann.getByTestId('panel-close').click()

      // From the list too, for someone whose messages are nowhere in view.
      await request(lan.bob, 'message:send', { roomId: 'general', text: 'last one' })
      await expectPage(texts.last()).toHaveText('last one')
      await ann.getByTestId('message-author').filter({ hasText: 'Bob' }).last().click()
      await ann.getByTestId('person-card-ignore').click()
      await ann.keyboard.press('Escape')
      await expectPage(folded).toHaveCount(3)
      await ann.getByTestId('ignored-open').click()
      await ann.getByTestId('ignored-stop').click()
      await expectPage(folded).toHaveCount(0)
    } finally {
      cy.close()
    }
  })
})
