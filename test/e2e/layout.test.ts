import { beforeEach, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { ParleyServer } from '../../server'
import { contrastRatio, luminance } from '../helpers/contrast'
import { joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

async function box(locator: Locator): Promise<{ left: number; right: number; width: number; height: number }> {
  const found = await locator.boundingBox()
  if (!found) throw new Error(`${locator} is not laid out`)
  return { left: found.x, right: found.x + found.width, width: found.width, height: found.height }
}

/** Whether the page scrolls sideways: something wider than the window. */
function spillsSideways(page: Page): Promise<boolean> {
  return page.locator('html').evaluate((html) => html.scrollWidth > html.clientWidth)
}

/**
 * An element's text colour and the background it is drawn on: its own, or
 * the nearest ancestor's, each translucent one laid over what is below it.
 */
async function inkAndPaper(locator: Locator): Promise<{ ink: number[]; paper: number[] }> {
  return locator.evaluate((element) => {
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number).concat(1).slice(0, 4)
    const view = element.ownerDocument.defaultView!
    const layers: number[][] = []
    for (let at: typeof element | null = element; at; at = at.parentElement) {
      const background = rgba(view.getComputedStyle(at).backgroundColor)
      if (background[3]! > 0) layers.push(background)
      if (background[3] === 1) break
    }
    let paper = [255, 255, 255]
    for (const [r, g, b, a] of layers.reverse()) paper = [r!, g!, b!].map((c, i) => c * a! + paper[i]! * (1 - a!))
    return { ink: rgba(view.getComputedStyle(element).color).slice(0, 3), paper }
  })
}

async function contrast(locator: Locator): Promise<number> {
  const { ink, paper } = await inkAndPaper(locator)
  return contrastRatio(ink, paper)
}

describe('layout in Chromium', () => {
  const e2e = useE2e()
  let server: ParleyServer
  beforeEach(async () => {
    server = await e2e.server({ name: 'E2E' })
  })

  it('in a desktop window the inspector opens beside the chat, all of it on screen', async () => {
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    const width = ann.viewportSize()!.width
    await expectPage(ann.getByTestId('sidebar')).toBeVisible()
    await expectPage(ann.getByTestId('sidebar-toggle')).toBeHidden()
    // The web client is its server's own: nothing to say about versions.
    await expectPage(ann.getByTestId('version-notice')).toHaveCount(0)
    // Screen readers hear new messages: the list is a log.
    await expectPage(ann.getByRole('log', { name: 'Messages' })).toBeVisible()

    await ann.getByTestId('inspector-open').click()
    await expectPage(ann.getByTestId('inspector')).toBeVisible()
    const panel = await box(ann.getByTestId('panel'))
    expect(panel.right).toBeLessThanOrEqual(width + 0.5)
    expect((await box(ann.getByTestId('composer-send'))).right).toBeLessThanOrEqual(panel.left + 0.5)
    // Every header control stays reachable beside the panel: the header takes a second row rather than cut one off.
    for (const control of ['search-open', 'network-open', 'leave']) {
      expect((await box(ann.getByTestId(control))).right, control).toBeLessThanOrEqual(panel.left + 0.5)
    }
    expect(await spillsSideways(ann)).toBe(false)
    // The room's name stays whole; the server line gives way instead.
    const title = ann.getByTestId('room-title')
    await expectPage(title).toHaveText('#general')
    expect(await title.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)

    await ann.getByTestId('panel-close').click()
    await expectPage(ann.getByTestId('panel')).toHaveCount(0)
  })

  it('follows the system’s light or dark appearance, with every kind of text readable in both', async () => {
    const ann = await e2e.browser.newPerson()
    const bob = await e2e.browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await joinAs(bob, server.url, 'Bob')
    await say(bob, '@Ann look at `npm test`')
    await say(ann, '@Bob on it')
    await say(bob, '/poll Tea? | Tea | Coffee')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['@Ann look at npm test', '@Bob on it', 'Tea?'])
    await expectPage(ann.getByTestId('message-mention')).toHaveText(['@Ann', '@Bob'])
    await ann.getByTestId('poll-option').first().click()
    await expectPage(ann.getByTestId('poll-count')).toHaveText(['1', '0'])
    await ann.getByTestId('composer-input').fill('typing')
    const texts: Record<string, Locator> = {
      message: ann.getByTestId('message-text').nth(1),
      'poll option voted for': ann.locator('.poll__text').first(),
      'poll option': ann.locator('.poll__text').last(),
      'poll total': ann.getByTestId('poll-total'),
      'message mentioning you': ann.getByTestId('message-text').first(),
      'your @name': ann.getByTestId('message-mention').first(),
      'someone else’s @name': ann.getByTestId('message-mention').last(),
      'inline code': ann.locator('.message__inline-code'),
      author: ann.locator('.message__author').first(),
      'initials on a face': ann.getByTestId('message-avatar').first(),
      time: ann.locator('.message time').first(),
      composer: ann.getByTestId('composer-input'),
      transport: ann.getByTestId('transport'),
      room: ann.locator('[data-testid=room-item][data-room=general]'),
      member: ann.locator('[data-testid=member][data-name=Bob]'),
    }
    for (const scheme of ['light', 'dark'] as const) {
      await ann.emulateMedia({ colorScheme: scheme })
      const page = luminance((await inkAndPaper(ann.getByTestId('message-list'))).paper)
      if (scheme === 'light') expect(page).toBeGreaterThan(0.8)
      else expect(page).toBeLessThan(0.05)
      // WCAG AA for normal text.
      for (const [what, locator] of Object.entries(texts)) {
        expect(await contrast(locator), `${what}, ${scheme}`).toBeGreaterThanOrEqual(4.5)
      }
    }
  })

  it('folds a tall message to its first lines until Show more, and a search result opens it whole', async () => {
    const ann = await e2e.browser.newPerson()
    const bob = await e2e.browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await joinAs(bob, server.url, 'Bob')
    const log = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n')
    await say(ann, log)
    await say(ann, 'short and sweet')
    await expectPage(bob.getByTestId('message-text')).toHaveCount(2)
    const tall = bob.getByTestId('message').first()
    const body = tall.getByTestId('message-text')
    const unfold = tall.getByTestId('message-unfold')
    await expectPage(unfold).toHaveText('Show more')
    await expectPage(unfold).toHaveAttribute('aria-expanded', 'false')
    // The last line is there for screen readers and copying, but below the fold.
    const height = async () => (await box(body)).height
    const foldedHeight = await height()
    expect(foldedHeight).toBeLessThan(400)
    await expectPage(body).toHaveText(/line 1\s+line 2\s[\s\S]*line 40$/)
    expect(await body.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true)
    // A short message has nothing to unfold.
    await expectPage(bob.getByTestId('message-unfold')).toHaveCount(1)

    await unfold.click()
    await expectPage(unfold).toHaveText('Show less')
    await expectPage(unfold).toHaveAttribute('aria-expanded', 'true')
    expect(await height()).toBeGreaterThan(foldedHeight * 2)
    expect(await body.evaluate((element) => element.scrollHeight <= element.clientHeight + 1)).toBe(true)
    await unfold.click()
    expect(await height()).toBe(foldedHeight)

    // Opened from a search, it shows whole: the words found may be far down.
    await bob.reload()
    await bob.getByTestId('search-open').click()
    await bob.getByTestId('search-input').fill('line 39')
    await bob.getByTestId('search-result').first().click()
    await expectPage(bob.locator('[data-testid=message][data-revealed=true] [data-testid=message-unfold]')).toHaveText(
      'Show less',
    )
  })

  it('on a phone-sized screen the sidebar is a drawer, picking a room closes it, and nothing spills sideways', async () => {
    const ann = await e2e.browser.newPerson()
    await ann.setViewportSize({ width: 390, height: 760 })
    await joinAs(ann, server.url, 'Ann')
    const sidebar = ann.getByTestId('sidebar')
    const toggle = ann.getByTestId('sidebar-toggle')
    await expectPage(sidebar).toBeHidden()
    expect(await spillsSideways(ann)).toBe(false)
    expect((await box(ann.getByTestId('composer-send'))).right).toBeLessThanOrEqual(390)

    await toggle.click()
    await expectPage(sidebar).toBeVisible()
    await expectPage(toggle).toHaveAttribute('aria-expanded', 'true')
    // Focus moves into the open drawer.
    await expectPage(ann.locator('[data-testid=sidebar] :focus')).toHaveCount(1)
    // Slid all the way in: a click aimed while it still moves can land beside it, which closes it.
    await expect.poll(async () => (await box(sidebar)).left, { timeout: 5000 }).toBe(0)
    await ann.getByTestId('room-create').click()
    await ann.getByTestId('room-create-name').fill('phones')
    await ann.getByTestId('room-create-name').press('Enter')
    await expectPage(ann.getByTestId('room-title')).toHaveText('#phones')
    await expectPage(sidebar).toBeHidden()
    await expectPage(toggle).toHaveAttribute('aria-expanded', 'false')
    await say(ann, 'from my phone')
    await expectPage(ann.locator('[data-testid=message][data-state=sent] [data-testid=message-text]')).toHaveText([
      'from my phone',
    ])

    // Tapping beside the drawer closes it, and so does Escape.
    await toggle.click()
    await expectPage(sidebar).toBeVisible()
    await ann.getByTestId('sidebar-backdrop').click({ position: { x: 370, y: 400 } })
    await expectPage(sidebar).toBeHidden()
    await toggle.click()
    await expectPage(sidebar).toBeVisible()
    await ann.keyboard.press('Escape')
    await expectPage(sidebar).toBeHidden()
    // ...and back to its button when it closes.
    await expectPage(ann.locator('[data-testid=sidebar-toggle]:focus')).toHaveCount(1)

    // The inspector covers the screen until closed.
    await ann.getByTestId('inspector-open').click()
    const panel = await box(ann.getByTestId('panel'))
    expect(panel.left).toBe(0)
    expect(panel.width).toBe(390)
    await expectPage(ann.getByTestId('inspector-transport')).toHaveText(/websocket|polling/)
    await ann.getByTestId('panel-close').click()
    await expectPage(ann.getByTestId('panel')).toHaveCount(0)
    expect(await spillsSideways(ann)).toBe(false)
  })
})
