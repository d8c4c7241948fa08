import type { Page } from 'playwright-core'
import type { Browser } from './browser'

export async function joinAs(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('join-name').fill(name)
  await page.getByTestId('join-submit').click()
  await page.getByTestId('composer-input').waitFor()
}

/** Opens the join screen as `name`, with the moderator password typed in; `submit` joins (the default). */
export async function joinAsModerator(page: Page, url: string, name: string, submit = true): Promise<void> {
  await page.goto(url)
  await page.getByTestId('join-name').fill(name)
  await page.locator('.join__moderate summary').click()
  await page.getByTestId('join-moderator-password').fill('keys to the lab')
  if (!submit) return
  await page.getByTestId('join-submit').click()
  await page.getByTestId('composer-input').waitFor()
}

export async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-input').fill(text)
  await page.getByTestId('composer-input').press('Enter')
}

/**
 * The page's notifications, caught instead of shown (headless Chromium has
 * nowhere to show them); `notes` reads them as "title: body".
 */
export async function catchNotifications(page: Page): Promise<{ notes: () => Promise<string[]> }> {
  await page.addInitScript(`
    window.shownNotifications = []
    window.Notification = class {
      static permission = 'granted'
      static requestPermission = async () => 'granted'
      onclick = null
      constructor(title, options) {
        this.title = title
        this.body = options.body
        window.shownNotifications.push(this)
      }
      close() {}
    }
  `)
  return {
    notes: () =>
      page.evaluate('window.shownNotifications.map((note) => `${note.title}: ${note.body}`)') as Promise<string[]>,
  }
}

/** How many notes the page's chimes have started (Web Audio oscillators; a chime is two). */
export async function catchChimes(page: Page): Promise<{ notes: () => Promise<number> }> {
  await page.addInitScript(`
    window.chimeNotes = 0
    const start = OscillatorNode.prototype.start
    OscillatorNode.prototype.start = function (...args) {
      window.chimeNotes++
      return start.apply(this, args)
    }
  `)
  return { notes: () => page.evaluate('window.chimeNotes') as Promise<number> }
}

/** Ann and Bob, each in a browser context of their own, joined in that order. */
export async function annAndBob(browser: Browser, url: string): Promise<{ ann: Page; bob: Page }> {
  const ann = await browser.newPerson()
  const bob = await browser.newPerson()
  await joinAs(ann, url, 'Ann')
  await joinAs(bob, url, 'Bob')
  return { ann, bob }
}
