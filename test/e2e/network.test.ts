import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNetsim, type Netsim } from '../../netsim'
import type { Browser } from './browser'
import { joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

/** The app waits 30 s before retrying a failed upgrade; tests pass a shorter wait in the page address. */
const FAST_HEAL = '?upgradeRetryMs=500'

describe('degraded network in Chromium', () => {
  const e2e = useE2e()
  let netsim: Netsim | undefined
  let browser: Browser
  beforeEach(() => {
    browser = e2e.browser
  })
  afterEach(async () => {
    await netsim?.close()
    netsim = undefined
  })

  it('through netsim block-websocket: polling, chat with a websocket peer, then back to websocket on clean', async () => {
    const server = await e2e.server()
    netsim = await createNetsim({ target: server.url, profile: 'block-websocket' })
    const ann = await browser.newPerson()
    const bob = await browser.newPerson()
    await joinAs(bob, `${server.url}/`, 'Bob')
    await joinAs(ann, `${netsim.url}/${FAST_HEAL}`, 'Ann')

    await expectPage(bob.getByTestId('transport')).toHaveText('websocket')
    await expectPage(ann.getByTestId('transport')).toHaveText('polling')
    // Each sees the other's transport.
    await expectPage(bob.locator('[data-testid=member][data-name=Ann]')).toHaveAttribute('data-transport', 'polling')
    await expectPage(ann.locator('[data-testid=member][data-name=Bob]')).toHaveAttribute('data-transport', 'websocket')

    await say(ann, 'from polling')
    await expectPage(bob.getByTestId('message-text')).toHaveText(['from polling'])
    await say(bob, 'from websocket')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['from polling', 'from websocket'])

    // The inspector says why.
    await ann.getByTestId('inspector-open').click()
    await expectPage(ann.locator('[data-testid=timeline-entry][data-kind=upgrade-error]')).toHaveCountAtLeast(1)
    await expectPage(ann.getByTestId('inspector-reason')).toHaveText(/^WebSocket upgrade blocked or failed/)
    // Its packets: the handshake over polling, then the message sent over polling; the session token never shown.
    const packet = (transport: string, what: RegExp) =>
      ann.locator(`[data-testid=packet-entry][data-transport=${transport}]`).filter({ hasText: what })
    await expectPage(packet('polling', /handshake/).getByTestId('packet-wire')).toHaveText(/^0\{"sid":"/)
    await expectPage(packet('polling', /event session:join/).getByTestId('packet-wire')).toHaveText(/"token":"•••"/)
    await expectPage(packet('polling', /event message:send, asks ack/)).toHaveCount(1)
    await expectPage(packet('websocket', /event message:send/)).toHaveCount(0)
    // The page's own storage (DOM types are not this file's).
    const token = await ann.evaluate(() => {
      const { sessionStorage } = globalThis as unknown as { sessionStorage: { getItem(key: string): string } }
      return (JSON.parse(sessionStorage.getItem('parley:session')) as { token: string }).token
    })
    expect(token).toMatch(/^[0-9a-f]{32,}$/)
    expect(await ann.getByTestId('inspector-packets').textContent()).not.toContain(token)
    // Copied, as rows for a spreadsheet: the same packets, the token still hidden.
    await ann.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ann.url()).origin })
    await ann.getByTestId('packet-log-copy').click()
    await expectPage(ann.getByTestId('packet-log-copy')).toHaveText('Copied')
    const copied = await ann.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    )
    expect(copied.split('\n')[0]).toBe('time\tdirection\ttransport\ttype\tbytes\twhat\twire')
    expect(copied).toMatch(/\tpolling\tmessage\t\d+\tevent session:join, asks ack \d+\t/)
    expect(copied).not.toContain(token)

    netsim.setProfile('clean')
    await expectPage(ann.getByTestId('transport')).toHaveText('websocket')
    await expectPage(bob.locator('[data-testid=member][data-name=Ann]')).toHaveAttribute('data-transport', 'websocket')
    await expectPage(ann.getByTestId('connection-status')).toHaveText('connected')
    await expectPage(ann.locator('[data-testid=timeline-entry][data-kind=upgrade]')).toHaveCount(1)
    await say(ann, 'healed')
    await expectPage(bob.getByTestId('message-text')).toHaveText(['from polling', 'from websocket', 'healed'])
    // Back on WebSocket: the upgrade, then the message over it.
    await expectPage(packet('websocket', /^.*upgrade: switch/)).toHaveCountAtLeast(1)
    await expectPage(packet('websocket', /event message:send, asks ack/)).toHaveCount(1)
  })

  it('in lab mode the Network panel degrades this browser only, and clean heals it', async () => {
    const server = await e2e.server({ lab: true })
    const ann = await browser.newPerson()
    const bob = await browser.newPerson()
    await joinAs(ann, `${server.url}/${FAST_HEAL}`, 'Ann')
    await joinAs(bob, `${server.url}/`, 'Bob')
    await expectPage(ann.getByTestId('transport')).toHaveText('websocket')

    await ann.getByTestId('network-open').click()
    await ann.locator('[data-testid=network-profile][data-profile=block-websocket]').click()
    await expectPage(ann.getByTestId('network-current')).toHaveText('block-websocket')
    await expectPage(ann.getByTestId('transport')).toHaveText('polling')
    await expectPage(bob.getByTestId('transport')).toHaveText('websocket')
    await expectPage(bob.locator('[data-testid=member][data-name=Ann]')).toHaveAttribute('data-transport', 'polling')
    await say(bob, 'can you hear me')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['can you hear me'])

    await ann.getByTestId('network-custom').fill('warp-speed')
    await ann.getByTestId('network-custom').press('Enter')
    await expectPage(ann.getByTestId('network-error')).toHaveText(/^unknown profile "warp-speed"/)

    await ann.locator('[data-testid=network-profile][data-profile=clean]').click()
    await expectPage(ann.getByTestId('transport')).toHaveText('websocket')
    await expectPage(bob.locator('[data-testid=member][data-name=Ann]')).toHaveAttribute('data-transport', 'websocket')
  })

  it('compares the three transports side by side through the lab link, and shows WebSocket refused once it is blocked', async () => {
    const server = await e2e.server({ lab: true })
    const ann = await browser.newPerson()
    await joinAs(ann, `${server.url}/`, 'Ann')
    await ann.getByTestId('network-open').click()
    await ann.getByTestId('compare-run').click()
    await expectPage(ann.getByTestId('compare-run')).toHaveText(/^Measuring… \d+ of 20$/)
    const row = (way: string) => ann.locator(`[data-testid=compare-row][data-way=${way}]`)
    for (const way of ['websocket', 'long-polling', 'short-polling']) {
      await expectPage(row(way)).toHaveAttribute('data-state', 'done')
      await expectPage(row(way).getByTestId('compare-p50')).toHaveText(/^\d+(\.\d)? ms$|^\d\.\d\d s$/)
    }
    await expectPage(row('websocket').getByTestId('compare-requests')).toHaveText('0.0')
    await expectPage(row('long-polling').getByTestId('compare-requests')).toHaveText(/^(?!0\.0)\d+\.\d$/)
    // Every probe arrived every way: the short poller read its link across origins.
    await expectPage(ann.getByTestId('compare-note')).toHaveCount(0)
    await expectPage(ann.getByTestId('compare-run')).toHaveText('Measure again')

    await ann.locator('[data-testid=network-profile][data-profile=block-websocket]').click()
    await expectPage(ann.getByTestId('transport')).toHaveText('polling')
    // The cut WebSocket's session came back restored: Ann still lists herself, on her new transport.
    await expectPage(ann.locator('[data-testid=member][data-name=Ann]')).toHaveAttribute('data-transport', 'polling')
    await ann.getByTestId('compare-run').click()
    await expectPage(row('websocket')).toHaveAttribute('data-state', 'failed')
    await expectPage(ann.locator('[data-testid=compare-note][data-way=websocket]')).toHaveText(/^WebSocket refused: /)
    await expectPage(row('long-polling')).toHaveAttribute('data-state', 'done')
    await expectPage(row('short-polling')).toHaveAttribute('data-state', 'done')
    await expectPage(ann.getByTestId('compare-note')).toHaveCount(1)
  })

  it('keeps messages typed offline in IndexedDB across a reload, then delivers each once', async () => {
    const server = await e2e.server({ lab: true })
    const ann = await browser.newPerson()
    const bob = await browser.newPerson()
    await joinAs(ann, `${server.url}/`, 'Ann')
    await joinAs(bob, `${server.url}/`, 'Bob')
    await ann.getByTestId('network-open').click()
    await ann.locator('[data-testid=network-profile][data-profile=offline]').click()
    await expectPage(ann.getByTestId('connection-status')).toHaveText('reconnecting')
    await say(ann, 'typed offline')
    await say(ann, 'and again')
    await expectPage(ann.locator('[data-testid=message][data-state=pending]')).toHaveCount(2)

    await ann.reload()
    // The new page gets a new, clean link: the outbox goes out, in order, once.
    await expectPage(bob.getByTestId('message-text')).toHaveText(['typed offline', 'and again'])
    await expectPage(ann.locator('[data-testid=message][data-state=sent]')).toHaveCount(2)
    await expectPage(ann.getByTestId('message-text')).toHaveText(['typed offline', 'and again'])
  })

  it('without lab mode the Network panel explains how to turn it on', async () => {
    const server = await e2e.server()
    const ann = await browser.newPerson()
    await joinAs(ann, `${server.url}/`, 'Ann')
    await ann.getByTestId('network-open').click()
    await expectPage(ann.getByTestId('network-unavailable')).toHaveText(/npm run server -- --lab/)
  })
})
