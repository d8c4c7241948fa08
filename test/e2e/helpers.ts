import type { Page } from 'playwright-core'

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
