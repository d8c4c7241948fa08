import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { sendMessage } from '../helpers/request'
import { joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

/** A PNG of `width` by `height`, drawn by the page itself. */
async function pngOf(page: Page, width: number, height: number): Promise<Buffer> {
  const url = (await page.evaluate(`(() => {
    const canvas = document.createElement('canvas')
    canvas.width = ${width}
    canvas.height = ${height}
    const context = canvas.getContext('2d')
    context.fillStyle = '#2a7'
    context.fillRect(0, 0, ${width}, ${height})
    return canvas.toDataURL('image/png')
  })()`)) as string
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')
}

describe('profile pictures in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('sets a picture from one’s own card, shown beside one’s messages to everyone, and takes it off', async () => {
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const cy = await e2e.browser.newPerson()
    await joinAs(cy, lan.server.url, 'Cy')
    await sendMessage(lan.bob, { roomId: 'general', text: 'hello both' })
    await say(ann, 'hi Bob')
    const annsFace = (page: Page) =>
      page.locator('[data-testid=message]', { hasText: 'hi Bob' }).getByTestId('message-avatar')
    await expectPage(annsFace(cy)).toHaveText('A')

    await ann.locator('[data-testid=message]', { hasText: 'hi Bob' }).getByTestId('message-author').click()
    await expectPage(ann.getByTestId('person-card-picture')).toHaveText('Add a picture…')
    // Not an image: refused, with why.
    await ann.getByTestId('person-card-picture-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a picture'),
    })
    await expectPage(ann.getByTestId('person-card-error')).toHaveText('That file is not an image this app can read')

    // A wide photo: its middle square, made small, for everyone.
    const photo = await pngOf(ann, 600, 400)
    await ann
      .getByTestId('person-card-picture-input')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo })
    await expectPage(ann.getByTestId('person-card-picture')).toHaveText('Change picture…')
    await expectPage(ann.getByTestId('person-card-face').getByTestId('face-picture')).toHaveCount(1)
    await expectPage(annsFace(ann).getByTestId('face-picture')).toHaveCount(1)
    await expectPage(annsFace(cy).getByTestId('face-picture')).toHaveCount(1)
    // In the member list too, where the row's text stays the name.
    const annListed = cy.locator('[data-testid=member][data-name=Ann]')
    await expectPage(annListed.getByTestId('face-picture')).toHaveCount(1)
    await expectPage(annListed.locator('.member__name')).toHaveText('Ann')
    // Bob's face stays his initials.
    await expectPage(
      cy.locator('[data-testid=message]', { hasText: 'hello both' }).getByTestId('message-avatar'),
    ).toHaveText('B')
    const size = `(() => {
      const img = [...document.querySelectorAll('[data-testid=face-picture]')].find((el) => el.complete && el.naturalWidth > 0)
      return img ? [img.naturalWidth, img.naturalHeight, img.src.slice(0, 5)] : null
    })()`
    await expect.poll(() => cy.evaluate(size)).toEqual([128, 128, 'blob:'])

    // A DM with Ann shows her face in the header, by the name that stays text.
    await cy.locator('[data-testid=member][data-name=Ann] button').click()
    await expectPage(cy.getByTestId('room-title')).toHaveText('Ann')
    await expectPage(cy.getByTestId('header-face').getByTestId('face-picture')).toHaveCount(1)
    await cy.locator('[data-testid=room-item][data-room=general]').click()
    // Whoever comes later sees it too.
    await cy.reload()
    await expectPage(annsFace(cy).getByTestId('face-picture')).toHaveCount(1)

    await ann.getByTestId('person-card-picture-remove').click()
    await expectPage(ann.getByTestId('person-card-picture')).toHaveText('Add a picture…')
    await expectPage(annsFace(cy)).toHaveText('A')
    await expectPage(annsFace(cy).getByTestId('face-picture')).toHaveCount(0)
    await expectPage(annListed.getByTestId('member-face')).toHaveAttribute('data-initials', 'A')
  })
})
