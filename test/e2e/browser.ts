import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
]

export interface Browser {
  /** A new person: their own context, so their own storage, cookies and tabs. */
  newPerson(): Promise<Page>
  /** Closes every person made since the last call; the browser stays up for the next test. */
  closePeople(): Promise<void>
  close(): Promise<void>
}

/**
 * One Chromium per test file, on a fresh user-data dir that Playwright makes
 * and deletes. Each person is a context of their own, which shares nothing
 * with the others: a second launch per person cost a second and a half here.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS })
  const contexts: BrowserContext[] = []
  const closePeople = async (): Promise<void> => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {})
  }
  return {
    async newPerson() {
      const context = await browser.newContext({ viewport: { width: 1100, height: 700 } })
      contexts.push(context)
      return await context.newPage()
    },
    closePeople,
    async close() {
      await closePeople()
      await browser.close()
    },
  }
}
