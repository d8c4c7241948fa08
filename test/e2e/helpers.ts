import type { Page } from 'playwright-core'
import type { Browser } from './browser'

export async function joinAs(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('join-name').fill(name)
  await page.getByTestId('join-submit').click()
  await page.getByTestId('composer-input').waitFor()
}

export async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-input').fill(text)
  await page.getByTestId('composer-input').press('Enter')
}

/** Ann and Bob, each in a browser profile of their own, joined in that order. */
export async function annAndBob(browser: Browser, url: string): Promise<{ ann: Page; bob: Page }> {
  const ann = await browser.newPerson()
  const bob = await browser.newPerson()
  await joinAs(ann, url, 'Ann')
  await joinAs(bob, url, 'Bob')
  return { ann, bob }
}
