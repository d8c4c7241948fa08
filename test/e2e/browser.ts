import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  /** A new person: their own profile, storage and tabs. */
  newPerson(): Promise<Page>
  close(): Promise<void>
}

/** One fresh user-data dir per person, so nothing leaks between them or between runs. */
export async function launchBrowser(): Promise<Browser> {
  const contexts: Array<{ context: BrowserContext; dir: string }> = []
  return {
    async newPerson() {
      const dir = mkdtempSync(join(tmpdir(), 'parley-chromium-'))
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: FLAGS,
        viewport: { width: 1100, height: 700 },
      })
      contexts.push({ context, dir })
      return context.pages()[0] ?? (await context.newPage())
    },
    async close() {
      for (const { context, dir } of contexts.splice(0)) {
        await context.close().catch(() => {})
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
