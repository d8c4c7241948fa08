import { beforeEach, describe, expect, it } from 'vitest'
import type { Browser } from './browser'
import { joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

/** Each tries to run code (setting window.__xss) or to become a dangerous link. */
const XSS_CORPUS = [
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=2"><script>window.__xss=3</script></svg>',
  'javascript:window.__xss=4',
  '[click me](javascript:window.__xss=5)',
  "{{ constructor.constructor('window.__xss=6')() }}",
  '<a href="javascript:window.__xss=7">link</a>',
  'data:text/html,<script>window.__xss=8</script>',
  '<iframe srcdoc="<script>parent.__xss=9</script>"></iframe>',
  'http://example.com/"><img src=x onerror=window.__xss=10>',
  'https://exa\u202emple.com/ and \u200bhttps://zero.width/',
  '<style>body{display:none}</style><b onmouseover="window.__xss=11">hover</b>',
  'vbscript:msgbox(12) file:///etc/passwd',
]

describe('security in Chromium', () => {
  const e2e = useE2e()
  let browser: Browser
  beforeEach(() => {
    browser = e2e.browser
  })

  it('renders hostile message text as text: nothing runs, only http(s) links are clickable', async () => {
    const server = await e2e.server()
    const ann = await browser.newPerson()
    const bob = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await joinAs(bob, server.url, 'Bob')
    for (const text of XSS_CORPUS) await say(ann, text)
    await expectPage(bob.getByTestId('message-text')).toHaveText(XSS_CORPUS)

    // Formatting around hostile text keeps it text: the code, emphasis and strong elements hold text nodes only.
    const formatted: Array<[string, string]> = [
      ['**<img src=x onerror="window.__xss=13">**', '<img src=x onerror="window.__xss=13">'],
      ['`<script>window.__xss=14</script>`', '<script>window.__xss=14</script>'],
      ['```\n<svg onload="window.__xss=15"></svg>\n```', '<svg onload="window.__xss=15"></svg>'],
      ['*[x](javascript:window.__xss=16)*', '[x](javascript:window.__xss=16)'],
    ]
    for (const [text] of formatted) await say(ann, text)
    await expectPage(bob.getByTestId('message-text')).toHaveText([
      ...XSS_CORPUS,
      ...formatted.map(([, shown]) => shown),
    ])

    for (const page of [ann, bob]) {
      const list = page.getByTestId('message-list')
      expect(await list.locator('img, svg, script, iframe, style, b').count()).toBe(0)
      await list.getByTestId('message-text').first().hover()
      const hrefs = await list.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))
      expect(hrefs.length).toBeGreaterThan(0)
      for (const href of hrefs) expect(href).toMatch(/^https?:\/\//)
      expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined()
    }
  })

  it('loads the web client compressed, its hashed scripts and styles kept by the browser for good', async () => {
    const server = await e2e.server()
    const ann = await browser.newPerson()
    const assets: Array<{ url: string; encoding?: string; cache?: string }> = []
    const scriptBytes: Array<Promise<number>> = []
    ann.on('response', (response) => {
      if (!/\/assets\/.+\.(js|css)$/.test(response.url())) return
      const headers = response.headers()
      assets.push({ url: response.url(), encoding: headers['content-encoding'], cache: headers['cache-control'] })
      if (/\/index-[^/]+\.js$/.test(response.url())) scriptBytes.push(response.body().then((body) => body.length))
    })
    const page = await ann.goto(server.url)
    expect(page?.headers()['cache-control']).toBe('no-cache')
    await ann.getByTestId('join-name').waitFor()
    // The main script and stylesheet at least; Chromium takes brotli only over HTTPS, so here gzip.
    expect(assets.filter(({ url }) => /\/index-[^/]+\.js$/.test(url))).toHaveLength(1)
    expect(assets.filter(({ url }) => url.endsWith('.css')).length).toBeGreaterThan(0)
    // Minified: about 430 KB before compression, where the unminified build was over a megabyte.
    expect(await Promise.all(scriptBytes)).toEqual([expect.any(Number)])
    expect((await scriptBytes[0])!).toBeLessThan(600_000)
    for (const asset of assets) {
      expect(asset).toEqual({
        url: asset.url,
        encoding: expect.stringMatching(/^(gzip|br)$/),
        cache: 'public, max-age=31536000, immutable',
      })
    }
  })

  it('names the server the page joins, what it is about and who is on it, and asks no password of a server without one', async () => {
    const server = await e2e.server({ name: 'Event LAN', about: '<b>Hall B</b> · rules at https://example.com/rules' })
    const bob = await browser.newPerson()
    await joinAs(bob, server.url, 'Bob')
    const ann = await browser.newPerson()
    await ann.goto(server.url)
    await expectPage(ann.getByTestId('join-server-preview')).toHaveText(/^Event LAN · 1 person online$/)
    // What whoever runs it says about it, as text, its link clickable.
    const about = ann.getByTestId('join-server-about')
    await expectPage(about).toHaveText(/^<b>Hall B<\/b> · rules at https:\/\/example\.com\/rules$/)
    await expectPage(about.locator('a')).toHaveAttribute('href', 'https://example.com/rules')
    await expectPage(about.locator('b')).toHaveCount(0)
    await expectPage(ann.getByTestId('join-password')).toHaveCount(0)
    // Nor a moderator password: this server has no moderators.
    await expectPage(ann.locator('.join__moderate')).toHaveCount(0)
    await ann.getByTestId('join-name').fill('Ann')
    await ann.getByTestId('join-submit').click()
    await expectPage(bob.locator('[data-testid=member][data-name=Ann]')).toHaveCount(1)
  })

  it('asks for the server password and says clearly what went wrong', async () => {
    const server = await e2e.server({ password: 'lan secret', name: 'Locked LAN' })
    const ann = await browser.newPerson()
    await ann.goto(server.url)
    await expectPage(ann.getByTestId('join-server-preview')).toHaveText(
      /^Locked LAN · nobody online yet\s+· needs a password$/,
    )
    await ann.getByTestId('join-password').waitFor()
    await ann.getByTestId('join-name').fill('Ann')
    await ann.getByTestId('join-submit').click()
    await expectPage(ann.getByTestId('join-error')).toHaveText('This server needs a password')
    await ann.getByTestId('join-password').fill('guess')
    await ann.getByTestId('join-submit').click()
    await expectPage(ann.getByTestId('join-error')).toHaveText('Wrong password')
    await ann.getByTestId('join-password').fill('lan secret')
    await ann.getByTestId('join-submit').click()
    await ann.getByTestId('composer-input').waitFor()
    await expectPage(ann.getByTestId('transport')).toHaveText('websocket')
  })

  it('shows "server restarting" when the server shuts down, and reconnects when it is back', async () => {
    let server = await e2e.server()
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await say(ann, 'before the restart')
    await expectPage(ann.locator('[data-testid=message][data-state=sent]')).toHaveCount(1)
    const port = server.port
    await server.close()
    await expectPage(ann.getByTestId('connection-notice')).toHaveText(/^The server is restarting/)
    await expectPage(ann.getByTestId('connection-status')).toHaveText('reconnecting')
    server = await e2e.server({ port })
    await expectPage(ann.getByTestId('connection-status')).toHaveText('connected')
    await expectPage(ann.getByTestId('connection-notice')).toHaveCount(0)
    await say(ann, 'after the restart')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['before the restart', 'after the restart'])
  })
})
