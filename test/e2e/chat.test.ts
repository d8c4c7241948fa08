import { beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ParleyServer } from '../../server'
import type { Browser } from './browser'
import { joinAs as joinServerAs, waitForEvent } from '../helpers/server'
import { request, sendMessage, openDm } from '../helpers/request'
import { annAndBob, joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

function messageTexts(page: Page): Promise<string[]> {
  return page.getByTestId('message-text').allTextContents()
}

describe('web client in Chromium', () => {
  const e2e = useE2e()
  let server: ParleyServer
  let browser: Browser
  beforeEach(async () => {
    // Statuses set to clear themselves go within a fifth of a second of their time.
    server = await e2e.server({ name: 'E2E', statusSweepEveryMs: 200 })
    browser = e2e.browser
  })

  it('two people chat in general and in a DM, see presence, typing, unread counts and the websocket badge', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)

    // The server URL field is hidden in a browser: the page's origin is the server.
    await expectPage(ann.getByTestId('join-server')).toHaveCount(0)
    for (const page of [ann, bob]) {
      await expectPage(page.getByTestId('transport')).toHaveText('websocket')
      await expectPage(page.getByTestId('connection-status')).toHaveText('connected')
      await expectPage(page.locator('[data-testid=member][data-name=Ann]')).toHaveCount(1)
      await expectPage(page.locator('[data-testid=member][data-name=Bob]')).toHaveCount(1)
    }

    await ann.getByTestId('composer-input').pressSequentially('hel')
    await expectPage(bob.getByTestId('typing')).toHaveText('Ann is typing…')
    await ann.getByTestId('composer-input').press('Shift+Enter')
    await ann.getByTestId('composer-input').pressSequentially('lo')
    await ann.getByTestId('composer-input').press('Enter')
    await expectPage(bob.getByTestId('message-text')).toHaveText(['hel\nlo'])
    await expectPage(bob.getByTestId('message-author')).toHaveText(['Ann'])
    await expectPage(bob.getByTestId('typing')).toHaveText('')
    const stored = bob.getByTestId('message').first()
    await expectPage(stored).toHaveAttribute('data-message-id', /^\d+$/)
    await expectPage(ann.getByTestId('message').first()).toHaveAttribute('data-state', 'sent')

    // Bob opens a DM from the member list; Ann sees it appear with an unread count.
    await bob.locator('[data-testid=member][data-name=Ann] button').click()
    const dm = bob.locator('[data-testid=room-item][data-room^="dm:"]')
    await expectPage(dm).toHaveClass(/room--active/)
    const dmId = await dm.getAttribute('data-room')
    const annDm = ann.locator(`[data-testid=room-item][data-room="${dmId}"]`)
    // Typing in a room Ann is not looking at shows in its row.
    await bob.getByTestId('composer-input').pressSequentially('psst')
    await expectPage(annDm.getByTestId('room-typing')).toHaveAttribute('title', 'Bob is typing…')
    await bob.getByTestId('composer-input').fill('')
    await say(bob, 'psst, just you')
    await expectPage(annDm.getByTestId('room-unread')).toHaveText('1')
    await expectPage(annDm.getByTestId('room-typing')).toHaveCount(0)
    // The tab's title shows it too, so it is seen from another tab.
    await expect.poll(() => ann.title()).toBe('(1) #general · E2E')
    expect(await messageTexts(ann)).toEqual(['hel\nlo'])
    await annDm.click()
    await expectPage(ann.getByTestId('message-text')).toHaveText(['psst, just you'])
    await expectPage(annDm.getByTestId('room-unread')).toHaveCount(0)
    await expect.poll(() => ann.title()).toBe('Bob · E2E')
    await say(ann, 'got it')
    await expectPage(bob.getByTestId('message-text')).toHaveText(['psst, just you', 'got it'])

    // Away by hand: Bob sees it beside Ann's name, then sees her back.
    const annForBob = bob.locator('[data-testid=member][data-name=Ann]')
    await expectPage(annForBob).toHaveAttribute('data-away', 'false')
    await ann.getByTestId('away-toggle').check()
    await expectPage(annForBob).toHaveAttribute('data-away', 'true')
    await expectPage(annForBob.getByTestId('member-away')).toHaveText(/^away/)
    await ann.getByTestId('away-toggle').uncheck()
    await expectPage(annForBob).toHaveAttribute('data-away', 'false')
    await expectPage(annForBob.getByTestId('member-away')).toHaveCount(0)
    // The same as commands, which send no message.
    await say(ann, '/away')
    await expectPage(annForBob).toHaveAttribute('data-away', 'true')
    expect(await ann.getByTestId('away-toggle').isChecked()).toBe(true)
    await say(ann, '/back')
    await expectPage(annForBob).toHaveAttribute('data-away', 'false')
    await expectPage(bob.getByTestId('message-text')).toHaveText(['psst, just you', 'got it'])

    // Presence: Bob leaves, Ann sees him go.
    await bob.getByTestId('leave').click()
    await expectPage(ann.locator('[data-testid=member][data-name=Bob]')).toHaveCount(0)
  })

  it('says "Seen" under one’s newest message in a DM once the other has read it, after a reload too, while both send receipts', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    await say(ann, 'in #general nobody says seen')
    await ann.locator('[data-testid=member][data-name=Bob] button').click()
    await say(ann, 'are you in today?')
    await say(ann, 'the lab, I mean')
    const dm = bob.locator('[data-testid=room-item][data-room^="dm:"]')
    await expectPage(dm.getByTestId('room-unread')).toHaveText('2')
    const annSent = ann.locator('[data-testid=message][data-state=sent]')
    await expectPage(annSent).toHaveCount(2)
    await expectPage(ann.getByTestId('message-seen')).toHaveCount(0)

    // Bob opens the DM and reads it: Ann's newest message says so, and only that one.
    await dm.click()
    await expectPage(bob.getByTestId('message-text')).toHaveText(['are you in today?', 'the lab, I mean'])
    await expectPage(annSent.last().getByTestId('message-seen')).toHaveText('Seen')
    await expectPage(ann.getByTestId('message-seen')).toHaveCount(1)
    await expectPage(annSent.last().getByTestId('message-seen')).toHaveAttribute('title', 'Seen by Bob')

    // A new message is not seen yet; Bob has it open, so it soon is.
    await say(ann, 'bring the key')
    await expectPage(bob.getByTestId('message-text')).toHaveText([
      'are you in today?',
      'the lab, I mean',
      'bring the key',
    ])
    await expectPage(annSent.last().getByTestId('message-text')).toHaveText('bring the key')
    await expectPage(annSent.last().getByTestId('message-seen')).toHaveCount(1)
    await expectPage(ann.getByTestId('message-seen')).toHaveCount(1)

    // Read receipts come back with a reload, and Bob's own messages say nothing to him.
    await ann.reload()
    await ann.locator('[data-testid=room-item][data-room^="dm:"]').click()
    await expectPage(annSent.last().getByTestId('message-seen')).toHaveText('Seen')
    await expectPage(bob.getByTestId('message-seen')).toHaveCount(0)
    await ann.locator('[data-testid=room-item][data-room=general]').click()
    await expectPage(ann.getByTestId('message-text')).toHaveText(['in #general nobody says seen'])
    await expectPage(ann.getByTestId('message-seen')).toHaveCount(0)

    // Bob stops sending read receipts: Ann's "Seen" goes at once; kept by the server, so a reload keeps it.
    await ann.locator('[data-testid=room-item][data-room^="dm:"]').click()
    await expectPage(annSent.last().getByTestId('message-seen')).toHaveText('Seen')
    const bobShares = bob.getByTestId('receipts-toggle')
    expect(await bobShares.isChecked()).toBe(true)
    await bobShares.uncheck()
    await expectPage(ann.getByTestId('message-seen')).toHaveCount(0)
    await say(bob, 'busy, sorry')
    await bob.reload()
    await bob.getByTestId('composer-input').waitFor()
    await expect.poll(() => bob.getByTestId('receipts-toggle').isChecked()).toBe(false)
    await ann.reload()
    await ann.locator('[data-testid=room-item][data-room^="dm:"]').click()
    await expectPage(ann.getByTestId('message-text')).toHaveText([
      'are you in today?',
      'the lab, I mean',
      'bring the key',
      'busy, sorry',
    ])
    await expectPage(ann.getByTestId('message-seen')).toHaveCount(0)
    // Both ways: sharing again, Bob sees that Ann read his.
    await bob.getByTestId('receipts-toggle').check()
    await bob.locator('[data-testid=room-item][data-room^="dm:"]').click()
    const bobSent = bob.locator('[data-testid=message][data-state=sent]')
    await expectPage(bobSent.last().getByTestId('message-seen')).toHaveText('Seen')
  })

  it('shows beside a DM whether the other person is online, away, or when they were last seen', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    await expectPage(ann.getByTestId('dm-status')).toHaveCount(0)
    await ann.locator('[data-testid=member][data-name=Bob] button').click()
    const status = ann.getByTestId('dm-status')
    await expectPage(status).toHaveText('online')
    await bob.getByTestId('away-toggle').check()
    await expectPage(status).toHaveText('away')
    await expectPage(status).toHaveAttribute('data-state', 'away')
    await bob.getByTestId('leave').click()
    await expectPage(status).toHaveText('last seen just now')
    await expectPage(status).toHaveAttribute('data-state', 'offline')
    // The server keeps it: after a reload too.
    await ann.reload()
    await ann.locator('[data-testid=room-item][data-room^="dm:"]').click()
    await expectPage(status).toHaveText('last seen just now')
    // Both ways: Ann stops showing hers and sees nobody's, after a reload too; turned on again, it is back.
    const shows = ann.getByTestId('last-seen-toggle')
    await shows.uncheck()
    await expectPage(status).toHaveText('offline')
    await ann.reload()
    await ann.locator('[data-testid=room-item][data-room^="dm:"]').click()
    await expectPage(status).toHaveText('offline')
    await expect.poll(() => shows.isChecked()).toBe(false)
    await shows.check()
    await expectPage(status).toHaveText('last seen just now')
  })

  it('shows the status people set beside their name, in the list and in a DM, keeps it, and clears it when asked to', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    await ann.getByTestId('status-edit').click()
    await ann.getByTestId('status-input').fill('In a meeting until 3')
    await ann.getByTestId('status-input').press('Enter')
    await expectPage(ann.getByTestId('status-text')).toHaveText('In a meeting until 3')
    const annInBobsList = bob.locator('[data-testid=member][data-name=Ann] [data-testid=member-status]')
    await expectPage(annInBobsList).toHaveText('In a meeting until 3')
    await bob.locator('[data-testid=member][data-name=Ann] button').click()
    await expectPage(bob.getByTestId('dm-status-text')).toHaveText('In a meeting until 3')

    // Esc leaves it as it was; /status changes it, and empty clears it.
    await ann.getByTestId('status-text').click()
    await ann.getByTestId('status-input').fill('something else')
    await ann.getByTestId('status-input').press('Escape')
    await expectPage(ann.getByTestId('status-text')).toHaveText('In a meeting until 3')
    await say(ann, '/status Lunch')
    await expectPage(annInBobsList).toHaveText('Lunch')
    await ann.reload()
    await expectPage(ann.getByTestId('status-text')).toHaveText('Lunch')
    await ann.getByTestId('status-clear').click()
    await expectPage(annInBobsList).toHaveCount(0)
    await expectPage(ann.getByTestId('status-edit')).toHaveText(/^Set a status$/)

    // One set to clear itself says until when: beside it, and on hover in Bob's list.
    await ann.getByTestId('status-edit').click()
    await ann.getByTestId('status-input').fill('Heads down')
    await ann.getByTestId('status-clear-after').selectOption('1h')
    // After 23:00, an hour on is tomorrow: the day's name comes before the time.
    await ann.getByTestId('status-input').press('Enter')
    await expectPage(ann.getByTestId('status-until')).toHaveText(/^until (?:[A-Z][a-z]+ )?\d/)
    await expectPage(annInBobsList).toHaveAttribute('title', /^Heads down \(until (?:[A-Z][a-z]+ )?\d/)
    await expectPage(bob.getByTestId('dm-status-text')).toHaveAttribute(
      'title',
      /^Heads down \(until (?:[A-Z][a-z]+ )?\d/,
    )
    // And goes by itself when its time comes: Cy's, set to clear in a few seconds.
    const cy = await joinServerAs(server.url, 'Cy')
    try {
      await request(cy.client, 'presence:status', { status: 'brb', until: Date.now() + 3000 })
      const cyInAnnsList = ann.locator('[data-testid=member][data-name=Cy] [data-testid=member-status]')
      await expectPage(cyInAnnsList).toHaveText('brb')
      await expectPage(cyInAnnsList).toHaveCount(0)
      await expectPage(ann.locator('[data-testid=member][data-name=Cy]')).toHaveCount(1)
    } finally {
      cy.client.close()
    }
  })

  it('keeps the session and the history across a reload', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await say(ann, 'first')
    await say(ann, 'second')
    await expectPage(ann.locator('[data-testid=message][data-state=sent]')).toHaveCount(2)
    await ann.getByTestId('away-toggle').check()
    await expectPage(ann.locator('[data-testid=member][data-name=Ann]')).toHaveAttribute('data-away', 'true')

    await ann.reload()
    await expectPage(ann.getByTestId('message-text')).toHaveText(['first', 'second'])
    await expectPage(ann.getByTestId('transport')).toHaveText('websocket')
    await expectPage(ann.locator('[data-testid=member][data-name=Ann]')).toHaveCount(1)
    // Set away by hand, and still away after the reload.
    await expectPage(ann.locator('[data-testid=member][data-name=Ann]')).toHaveAttribute('data-away', 'true')
    expect(await ann.getByTestId('away-toggle').isChecked()).toBe(true)
  })

  it('keeps what was typed and not sent with its room, across a switch of rooms and a reload', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    const composer = ann.getByTestId('composer-input')
    const typed = () => composer.inputValue()
    const open = (room: string) => ann.locator(`[data-testid=room-item][data-room=${room}]`).click()
    // A room not in view with words waiting in its composer says so in the list.
    const drafted = (room: string) => ann.locator(`[data-testid=room-item][data-room=${room}] [data-testid=room-draft]`)
    await ann.getByTestId('room-create').click()
    await ann.getByTestId('room-create-name').fill('lab')
    await ann.getByTestId('room-create-name').press('Enter')
    await expectPage(ann.locator('[data-testid=room-item][data-room=lab]')).toHaveClass(/room--active/)
    await composer.fill('half a thought <b>in</b> lab')
    await open('general')
    await expect.poll(typed).toBe('')
    await expectPage(drafted('lab')).toHaveCount(1)
    await expectPage(drafted('general')).toHaveCount(0)
    await composer.fill('for general,\nlater')
    await open('lab')
    await expect.poll(typed).toBe('half a thought <b>in</b> lab')
    await expectPage(drafted('general')).toHaveCount(1)
    await expectPage(drafted('lab')).toHaveCount(0)

    await ann.reload()
    await composer.waitFor()
    await open('general')
    await expect.poll(typed).toBe('for general,\nlater')
    await open('lab')
    await expect.poll(typed).toBe('half a thought <b>in</b> lab')
    // Sent, it is no draft any more; erased, neither.
    await composer.press('Enter')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['half a thought <b>in</b> lab'])
    await open('general')
    await expectPage(drafted('lab')).toHaveCount(0)
    await composer.fill('')
    await ann.reload()
    await composer.waitFor()
    await open('lab')
    await expect.poll(typed).toBe('')
    await open('general')
    await expect.poll(typed).toBe('')
  })

  it('heads each day of history: Today, and Yesterday when read a day later', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await say(ann, 'before midnight')
    await expectPage(ann.getByTestId('day-divider')).toHaveText('Today')
    const sentAt = await ann.getByTestId('message').locator('time').getAttribute('datetime')

    // The same history read the next day.
    await ann.clock.setSystemTime(new Date(sentAt!).getTime() + 24 * 60 * 60 * 1000)
    await ann.reload()
    await expectPage(ann.getByTestId('message-text')).toHaveText(['before midnight'])
    await expectPage(ann.getByTestId('day-divider')).toHaveText('Yesterday')
  })

  it('shows a person’s messages in a row under one name and face, the time of each on hover', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    await say(bob, 'the printer is back')
    await say(bob, 'it needed a new fuser')
    await say(ann, 'thanks')
    await say(bob, 'and toner')
    await expectPage(ann.getByTestId('message-text')).toHaveText([
      'the printer is back',
      'it needed a new fuser',
      'thanks',
      'and toner',
    ])
    const rows = ann.getByTestId('message')
    await expectPage(ann.getByTestId('message-avatar')).toHaveText(['B', 'A', 'B'])
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-continued')))).toEqual([
      null,
      'true',
      null,
      null,
    ])
    // Screen readers, and copying, still get every message's author.
    await expectPage(ann.getByTestId('message-author')).toHaveText(['Bob', 'Bob', 'Ann', 'Bob'])
    const time = rows.nth(1).locator('time')
    expect(await time.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).opacity)).toBe(
      '0',
    )
    await rows.nth(1).hover()
    await expect
      .poll(() => time.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).opacity))
      .toBe('1')

    // A reply starts afresh: its quote comes first.
    await rows.nth(3).hover()
    await rows.nth(3).getByTestId('message-reply').click()
    await say(ann, 'which toner?')
    await say(ann, 'the black one?')
    await expectPage(ann.getByTestId('message-avatar')).toHaveText(['B', 'A', 'B', 'A'])
    await expectPage(bob.getByTestId('message-avatar')).toHaveText(['B', 'A', 'B', 'A'])
  })

  it('keeps a reader scrolled up in place when messages arrive, and offers a way down', async () => {
    const ann = await browser.newPerson()
    await ann.setViewportSize({ width: 900, height: 500 })
    await joinAs(ann, server.url, 'Ann')
    const { client: bob } = await joinServerAs(server.url, 'Bob')
    try {
      for (let i = 1; i <= 30; i++) await sendMessage(bob, { roomId: 'general', text: `line ${i}` })
      const list = ann.getByTestId('message-list')
      const lastShown = () => ann.getByTestId('message-text').last()
      await expectPage(lastShown()).toHaveText('line 30')
      // At the bottom, new messages scroll into view by themselves.
      await expect.poll(() => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(64)

      await list.evaluate((el) => el.scrollTo({ top: 0 }))
      await sendMessage(bob, { roomId: 'general', text: 'while you were reading' })
      await expectPage(ann.getByTestId('jump-latest')).toBeVisible()
      expect(await list.evaluate((el) => el.scrollTop)).toBe(0)

      await ann.getByTestId('jump-latest').click()
      await expectPage(ann.getByTestId('jump-latest')).toHaveCount(0)
      await expect.poll(() => lastShown().isVisible()).toBe(true)
      expect(await list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(64)

      // Scrolled up, one's own message still brings the page down to it.
      await list.evaluate((el) => el.scrollTo({ top: 0 }))
      await say(ann, 'my own')
      await expect.poll(() => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(64)
      await expectPage(ann.getByTestId('jump-latest')).toHaveCount(0)

      // Scrolled up, an edit of the last message is nothing new below.
      const last = await sendMessage(bob, { roomId: 'general', text: 'last word' })
      await expectPage(lastShown()).toHaveText('last word')
      await list.evaluate((el) => el.scrollTo({ top: 0 }))
      if (!('data' in last)) throw new Error(last.message)
      await request(bob, 'message:edit', { id: last.data.id, text: 'last word, edited' })
      await expectPage(lastShown()).toHaveText('last word, edited')
      await expectPage(ann.getByTestId('jump-latest')).toHaveCount(0)
      expect(await list.evaluate((el) => el.scrollTop)).toBe(0)
    } finally {
      bob.close()
    }
  })

  it('keeps a room left open to its newest messages in the page, and loads older ones again on the way up', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    // Twenty writers, so 1,100 messages arrive in seconds within each one's rate limit.
    const writers = await Promise.all(
      Array.from({ length: 20 }, async (_, n) => (await joinServerAs(server.url, `W${n}`)).client),
    )
    try {
      await Promise.all(
        writers.map(async (writer, n) => {
          for (let k = 0; k < 55; k++) await sendMessage(writer, { roomId: 'general', text: `w${n}-${k}` })
        }),
      )
      const last = await sendMessage(writers[0]!, { roomId: 'general', text: 'the very last' })
      await expectPage(ann.getByTestId('message-text').last()).toHaveText('the very last')
      const shown = await ann.getByTestId('message').count()
      expect(shown).toBeGreaterThanOrEqual(500)
      expect(shown).toBeLessThanOrEqual(1000)

      // Scrolling to the top brings back the page before the oldest shown.
      const oldest = Number(await ann.getByTestId('message').first().getAttribute('data-message-id'))
      await ann.getByTestId('message-list').evaluate((el) => el.scrollTo({ top: 0 }))
      await expect
        .poll(async () => Number(await ann.getByTestId('message').first().getAttribute('data-message-id')))
        .toBeLessThan(oldest)
      expect('data' in last && last.data.id).toBeGreaterThan(oldest)
    } finally {
      writers.forEach((writer) => writer.close())
    }
  })

  it('counts messages in the open room as unread while the window is away, until it is back', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    const general = ann.locator('[data-testid=room-item][data-room=general]')
    await say(bob, 'while you are here')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['while you are here'])
    await expectPage(general.getByTestId('room-unread')).toHaveCount(0)

    // Headless Chromium always reports focus; the page is told it has none, as in another tab.
    await ann.evaluate('document.hasFocus = () => false')
    await say(bob, 'while you are away')
    await expectPage(general.getByTestId('room-unread')).toHaveText('1')
    await expect.poll(() => ann.title()).toBe('(1) #general · E2E')

    await ann.evaluate('delete document.hasFocus; window.dispatchEvent(new Event("focus"))')
    await expectPage(general.getByTestId('room-unread')).toHaveCount(0)
    await expect.poll(() => ann.title()).toBe('#general · E2E')
    // Back, the "New" line shows where the unseen messages begin.
    await expectPage(
      ann.locator('[data-testid=unread-divider] + [data-testid=message] [data-testid=message-text]'),
    ).toHaveText('while you are away')
  })

  it('opens a room with a "New" line above the messages that were unread', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    const { client: bob } = await joinServerAs(server.url, 'Bob')
    try {
      const dm = await openDm(bob, 'Ann')
      for (const text of ['one', 'two']) await sendMessage(bob, { roomId: dm.id, text })
      const annDm = ann.locator(`[data-testid=room-item][data-room="${dm.id}"]`)
      await expectPage(annDm.getByTestId('room-unread')).toHaveText('2')
      const firstNew = ann.locator('[data-testid=unread-divider] + [data-testid=message] [data-testid=message-text]')

      // First opening: the history is fetched, and both messages are new.
      await annDm.click()
      await expectPage(ann.getByTestId('message-text')).toHaveText(['one', 'two'])
      await expectPage(firstNew).toHaveText('one')
      // What arrives while the room is open is not "new": the line stays put.
      await say(ann, 'hi Bob')
      await sendMessage(bob, { roomId: dm.id, text: 'three' })
      await expectPage(ann.getByTestId('message-text')).toHaveText(['one', 'two', 'hi Bob', 'three'])
      await expectPage(firstNew).toHaveText('one')

      // Back to #general; more arrive in the DM, one of them deleted before Ann reads it: it does
      // not count, and opening the DM again marks only the new ones.
      await ann.locator('[data-testid=room-item][data-room=general]').click()
      await expectPage(ann.getByTestId('unread-divider')).toHaveCount(0)
      await sendMessage(bob, { roomId: dm.id, text: 'four' })
      const oops = await sendMessage(bob, { roomId: dm.id, text: 'not for you' })
      await sendMessage(bob, { roomId: dm.id, text: 'five' })
      await expectPage(annDm.getByTestId('room-unread')).toHaveText('3')
      if (!('data' in oops)) throw new Error(oops.message)
      await request(bob, 'message:delete', { id: oops.data.id })
      await expectPage(annDm.getByTestId('room-unread')).toHaveText('2')
      await annDm.click()
      await expectPage(firstNew).toHaveText('four')
      await expectPage(ann.getByTestId('unread-divider')).toHaveCount(1)
      // Bob's 'four' follows his 'three', but under the line it names him again.
      const underLine = ann.locator('[data-testid=unread-divider] + [data-testid=message]')
      await expectPage(underLine.getByTestId('message-avatar')).toHaveText('B')
    } finally {
      bob.close()
    }
  })

  it('marks a room unread from a message on: the New line moves there, and it stays unread until opened again', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    const { client: bob } = await joinServerAs(server.url, 'Bob')
    try {
      const dm = await openDm(bob, 'Ann')
      for (const text of ['one', 'two', 'three']) await sendMessage(bob, { roomId: dm.id, text })
      const annDm = ann.locator(`[data-testid=room-item][data-room="${dm.id}"]`)
      const general = ann.locator('[data-testid=room-item][data-room=general]')
      const firstNew = ann.locator('[data-testid=unread-divider] + [data-testid=message] [data-testid=message-text]')
      await annDm.click()
      await expectPage(ann.getByTestId('message-text')).toHaveText(['one', 'two', 'three'])
      await general.click()
      await annDm.click()
      await expectPage(ann.getByTestId('unread-divider')).toHaveCount(0)

      const two = ann.getByTestId('message').filter({ hasText: 'two' })
      await two.hover()
      await two.getByTestId('message-mark-unread').click()
      await expectPage(annDm.getByTestId('room-unread')).toHaveText('2')
      await expectPage(firstNew).toHaveText('two')
      // Away in another room and back after a reload: still unread, opened at its New line, and so read.
      await general.click()
      await ann.reload()
      await expectPage(annDm.getByTestId('room-unread')).toHaveText('2')
      await annDm.click()
      await expectPage(firstNew).toHaveText('two')
      await expectPage(annDm.getByTestId('room-unread')).toHaveCount(0)
      await general.click()
      await annDm.click()
      await expectPage(ann.getByTestId('unread-divider')).toHaveCount(0)
      // Only others' messages offer it: one's own is read by writing it.
      await say(ann, 'mine')
      const mine = ann.getByTestId('message').filter({ hasText: 'mine' })
      await mine.hover()
      await expectPage(mine.getByTestId('message-mark-unread')).toHaveCount(0)
    } finally {
      bob.close()
    }
  })

  it('marks everything read at once, from the room list or with Shift+Esc, on the server too', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    const { client: bob } = await joinServerAs(server.url, 'Bob')
    try {
      await ann.getByTestId('room-create').click()
      await ann.getByTestId('room-create-name').fill('lab')
      await ann.getByTestId('room-create-name').press('Enter')
      await expectPage(ann.getByTestId('room-title')).toHaveText('#lab')
      await ann.locator('[data-testid=room-item][data-room=general]').click()
      await request(bob, 'room:join', { roomId: 'lab' })
      const dm = await openDm(bob, 'Ann')
      for (const text of ['one', 'two']) await sendMessage(bob, { roomId: 'lab', text })
      await sendMessage(bob, { roomId: dm.id, text: 'psst' })
      const counts = ann.getByTestId('room-unread')
      await expectPage(counts).toHaveText(['2', '1'])
      const readAll = ann.getByTestId('mark-all-read')
      await readAll.click()
      await expectPage(counts).toHaveCount(0)
      await expectPage(readAll).toHaveCount(0)
      await sendMessage(bob, { roomId: 'lab', text: 'three' })
      await expectPage(counts).toHaveText(['1'])
      await ann.keyboard.press('Shift+Escape')
      await expectPage(counts).toHaveCount(0)

      // The server has the marks: Ann, elsewhere with no marks of her own, has nothing unread.
      const gone = waitForEvent(bob, 'presence:left', (member) => member.name === 'Ann')
      await ann.getByTestId('leave').click()
      await gone
      const { client: annElsewhere } = await joinServerAs(server.url, 'Ann')
      try {
        const unread = await request(annElsewhere, 'message:unread', { marks: [], rooms: ['lab', dm.id] })
        if (!('data' in unread)) throw new Error(unread.message)
        expect(unread.data.map(({ roomId, count }) => [roomId, count])).toEqual([
          ['lab', 0],
          [dm.id, 0],
        ])
      } finally {
        annElsewhere.close()
      }
    } finally {
      bob.close()
    }
  })

  it('keeps unread counts and the New line across a reload, from what was read before it', async () => {
    const ann = await browser.newPerson()
    const { client: bob } = await joinServerAs(server.url, 'Bob')
    try {
      const lab = await request(bob, 'room:create', { name: 'lab' })
      if (!('data' in lab)) throw new Error(lab.message)
      await sendMessage(bob, { roomId: 'general', text: 'read in general' })
      await sendMessage(bob, { roomId: lab.data.id, text: 'read in lab' })
      await joinAs(ann, server.url, 'Ann')
      const annLab = ann.locator(`[data-testid=room-item][data-room="${lab.data.id}"]`)
      await annLab.click()
      await expectPage(ann.getByTestId('message-text')).toHaveText(['read in lab'])
      await ann.locator('[data-testid=room-item][data-room=general]').click()
      await expectPage(ann.getByTestId('message-text')).toHaveText(['read in general'])

      // Ann's tab is closed meanwhile: nothing reaches it.
      await ann.goto('about:blank')
      await sendMessage(bob, { roomId: lab.data.id, text: 'new in lab' })
      await sendMessage(bob, { roomId: 'general', text: 'new in general' })
      await ann.goBack()
      await expectPage(ann.getByTestId('message-text')).toHaveText(['read in general', 'new in general'])
      await expectPage(annLab.getByTestId('room-unread')).toHaveText('1')
      await expectPage(
        ann.locator('[data-testid=unread-divider] + [data-testid=message] [data-testid=message-text]'),
      ).toHaveText('new in general')
      // Seen now: the next reload has nothing new in #general.
      await ann.reload()
      await expectPage(ann.getByTestId('message-text')).toHaveText(['read in general', 'new in general'])
      await expectPage(annLab.getByTestId('room-unread')).toHaveText('1')
      await expectPage(ann.getByTestId('unread-divider')).toHaveCount(0)

      // Ann leaves, and later joins from another computer, whose browser knows nothing of her:
      // she is in #lab again, its one new message counted, and #general opens at its New line.
      await ann.getByTestId('leave').click()
      await sendMessage(bob, { roomId: 'general', text: 'newer in general' })
      const elsewhere = await browser.newPerson()
      await joinAs(elsewhere, server.url, 'Ann')
      const newLine = elsewhere.locator(
        '[data-testid=unread-divider] + [data-testid=message] [data-testid=message-text]',
      )
      await expectPage(newLine).toHaveText('newer in general')
      const elsewhereLab = elsewhere.locator(`[data-testid=room-item][data-room="${lab.data.id}"]`)
      await expectPage(elsewhereLab.getByTestId('room-unread')).toHaveText('1')
      await elsewhereLab.click()
      await expectPage(newLine).toHaveText('new in lab')
    } finally {
      bob.close()
    }
  })

  it('highlights a message that mentions you by @name, for you only, or everyone by @room', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    await say(bob, 'mail ann@example.com')
    await say(bob, '@ann could you look?')
    const annSees = ann.getByTestId('message')
    await expectPage(annSees.getByTestId('message-text')).toHaveText(['mail ann@example.com', '@ann could you look?'])
    await expectPage(ann.locator('[data-testid=message][data-mention=true] [data-testid=message-text]')).toHaveText([
      '@ann could you look?',
    ])
    await expectPage(bob.locator('[data-testid=message][data-state=sent]')).toHaveCount(2)
    await expectPage(bob.locator('[data-testid=message][data-mention=true]')).toHaveCount(0)
    // @room is for everyone in the room but its author.
    await say(bob, '@room lunch is here')
    await expectPage(ann.locator('[data-testid=message][data-mention=true] [data-testid=message-text]')).toHaveText([
      '@ann could you look?',
      '@room lunch is here',
    ])
    await expectPage(bob.locator('[data-testid=message][data-mention=true]')).toHaveCount(0)

    // Typing @ offers who is online; Enter takes the name, and the next Enter sends.
    const composer = ann.getByTestId('composer-input')
    await composer.pressSequentially('sure @b')
    await expectPage(ann.getByTestId('mention-suggestion')).toHaveText(['@Bob'])
    await composer.press('Enter')
    await expectPage(ann.getByTestId('mention-suggestions')).toHaveCount(0)
    await composer.pressSequentially('done')
    await composer.press('Enter')
    await expectPage(bob.locator('[data-testid=message][data-mention=true] [data-testid=message-text]')).toHaveText([
      'sure @Bob done',
    ])
    // And the room, with who it reaches.
    await composer.pressSequentially('thanks @ro')
    await expectPage(ann.getByTestId('mention-suggestion')).toHaveText(['@room everyone in #general'])
  })

  it('edits and deletes one’s own messages, for everyone, from the message or with Up', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    await say(bob, 'hi Ann')
    await say(ann, 'helo wrold')
    await expectPage(bob.getByTestId('message-text')).toHaveText(['hi Ann', 'helo wrold'])
    // Nobody is offered a way to change someone else's message.
    await expectPage(bob.getByTestId('message-edit')).toHaveCount(1)
    await expectPage(ann.getByTestId('message-edit')).toHaveCount(1)

    const own = ann.getByTestId('message').last()
    await own.hover()
    await own.getByTestId('message-edit').click()
    await ann.getByTestId('message-edit-input').fill('hello world')
    await ann.getByTestId('message-edit-input').press('Enter')
    await expectPage(bob.getByTestId('message-text')).toHaveText(['hi Ann', 'hello world'])
    await expectPage(bob.getByTestId('message-edited')).toHaveCount(1)
    await expectPage(ann.getByTestId('message-edited')).toHaveCount(1)

    // Up in the empty composer opens the last own message; Escape leaves it as it was (and
    // the panel beside the chat open), and typing goes on.
    await ann.getByTestId('inspector-open').click()
    await ann.getByTestId('composer-input').press('ArrowUp')
    await ann.getByTestId('message-edit-input').fill('not this')
    await ann.getByTestId('message-edit-input').press('Escape')
    await expectPage(ann.getByTestId('message-edit-input')).toHaveCount(0)
    await expectPage(ann.getByTestId('panel')).toHaveCount(1)
    const composer = ann.getByTestId('composer-input')
    expect(await composer.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await expectPage(ann.getByTestId('message-text')).toHaveText(['hi Ann', 'hello world'])

    await own.hover()
    await own.getByTestId('message-delete').click()
    await ann.getByTestId('message-delete-confirm').click()
    await expectPage(bob.locator('[data-testid=message][data-deleted=true]')).toHaveCount(1)
    await expectPage(bob.getByTestId('message-text')).toHaveText(['hi Ann', 'Message deleted'])
    await expectPage(ann.getByTestId('message-edit')).toHaveCount(0)
    // And after a reload, from history.
    await bob.reload()
    await expectPage(bob.getByTestId('message-text')).toHaveText(['hi Ann', 'Message deleted'])
  })

  it('adds a second device under one name with a code, keeps it linked in a new tab, and signs it out', async () => {
    const laptop = await browser.newPerson()
    const phone = await browser.newPerson()
    const bob = await browser.newPerson()
    await joinAs(laptop, server.url, 'Ann')
    await joinAs(bob, server.url, 'Bob')
    await phone.goto(server.url)
    await phone.getByTestId('join-name').fill('Ann')
    await phone.getByTestId('join-submit').click()
    await expectPage(phone.getByTestId('join-error')).toHaveText(/^The name "Ann" is taken by someone online\./)

    await laptop.getByTestId('device-link').click()
    await expectPage(laptop.getByTestId('device-link-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    await expectPage(laptop.getByTestId('device-link-left')).toHaveText(/^[45]:\d\d$/)
    const code = (await laptop.getByTestId('device-link-code').textContent())!
    await phone.getByTestId('join-link-code').fill(code.toLowerCase())
    await phone.getByTestId('join-submit').click()
    await phone.getByTestId('composer-input').waitFor()
    await laptop.getByTestId('device-link-close').click()
    await expectPage(laptop.getByTestId('device-link-code')).toHaveCount(0)

    // One Ann, on two devices: Bob's message reaches both, and each sees what the other sends.
    await expectPage(bob.locator('[data-testid=member][data-name=Ann]')).toHaveCount(1)
    await expectPage(bob.locator('[data-testid=member][data-name=Ann] [data-testid=member-devices]')).toHaveText(
      /^2 devices/,
    )
    await say(bob, 'hello Ann')
    await expectPage(laptop.getByTestId('message-text')).toHaveText(['hello Ann'])
    await expectPage(phone.getByTestId('message-text')).toHaveText(['hello Ann'])
    await say(phone, 'from my phone')
    await expectPage(laptop.getByTestId('message-text')).toHaveText(['hello Ann', 'from my phone'])
    await expectPage(bob.getByTestId('message-author')).toHaveText(['Bob', 'Ann'])

    // The phone stays linked: a new tab there joins as Ann with no code.
    const phoneTab = await phone.context().newPage()
    await joinAs(phoneTab, server.url, 'Ann')
    await expectPage(phoneTab.getByTestId('message-text')).toHaveText(['hello Ann', 'from my phone'])
    await expectPage(bob.locator('[data-testid=member][data-name=Ann]')).toHaveCount(1)

    // The phone is lost: the laptop signs it out, both of its tabs, and stays in.
    await laptop.getByTestId('device-unlink').click()
    await laptop.getByTestId('device-unlink-confirm').click()
    await expectPage(laptop.getByTestId('device-unlink-result')).toHaveText('Signed out 2 connections')
    for (const page of [phone, phoneTab]) {
      await expectPage(page.getByTestId('join-error')).toHaveText('Signed out from another of your devices')
    }
    await expectPage(bob.locator('[data-testid=member][data-name=Ann] [data-testid=member-devices]')).toHaveCount(0)
    await say(laptop, 'just the laptop now')
    await expectPage(bob.getByTestId('message-text')).toHaveText(['hello Ann', 'from my phone', 'just the laptop now'])
    await expectPage(bob.locator('[data-testid=member][data-name=Ann]')).toHaveCount(1)
  })

  it('moves between rooms from the keyboard: Alt+arrows to the next, with Shift to the next unread', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    const active = ann.locator('.room--active')
    for (const name of ['lab', 'ops']) {
      await ann.getByTestId('room-create').click()
      await ann.getByTestId('room-create-name').fill(name)
      await ann.getByTestId('room-create-name').press('Enter')
      await expectPage(active).toHaveAttribute('data-room', name)
    }
    await bob.locator('[data-testid=member][data-name=Ann] button').click()
    await expectPage(ann.locator('[data-testid=room-item][data-room^=dm]')).toHaveCount(1)
    const dm = (await ann.locator('[data-testid=room-item][data-room^=dm]').getAttribute('data-room'))!
    await ann.locator('[data-testid=room-item][data-room=general]').click()

    // Down through the list in its order, round to the top; up goes back.
    const order = ['general', 'lab', 'ops', dm]
    for (const next of [...order.slice(1), 'general']) {
      await ann.keyboard.press('Alt+ArrowDown')
      await expectPage(active).toHaveAttribute('data-room', next)
    }
    await ann.keyboard.press('Alt+ArrowUp')
    await expectPage(active).toHaveAttribute('data-room', dm)

    // Only #ops has something unread: Alt+Shift goes straight there, whichever way.
    await bob.locator('[data-testid=room-item][data-room=ops]').click()
    // Joined and open before Bob writes, or his words go to the room he was in.
    await expectPage(bob.locator('.room--active')).toHaveAttribute('data-room', 'ops')
    await say(bob, 'news in ops')
    await expectPage(ann.locator('[data-testid=room-item][data-room=ops] [data-testid=room-unread]')).toHaveText('1')
    await ann.keyboard.press('Alt+Shift+ArrowUp')
    await expectPage(active).toHaveAttribute('data-room', 'ops')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['news in ops'])
    // Nothing else unread: it stays.
    await ann.keyboard.press('Alt+Shift+ArrowDown')
    await expectPage(active).toHaveAttribute('data-room', 'ops')

    // Ctrl+G goes to a room or DM by a few letters of its name: arrows pick, Enter opens, Esc gives focus back.
    await ann.getByTestId('composer-input').focus()
    await ann.keyboard.press('Control+g')
    await expectPage(ann.getByTestId('switcher-input')).toBeVisible()
    await ann.keyboard.type('bo')
    await expectPage(ann.getByTestId('switcher-option')).toHaveText(['Bob'])
    await ann.keyboard.press('Enter')
    await expectPage(active).toHaveAttribute('data-room', dm)
    await expectPage(ann.getByTestId('switcher')).toHaveCount(0)
    await ann.keyboard.press('Control+g')
    await ann.keyboard.type('#L')
    await expectPage(ann.getByTestId('switcher-option')).toHaveText(['#lab', '#general'])
    await ann.keyboard.press('ArrowDown')
    await ann.keyboard.press('Enter')
    await expectPage(active).toHaveAttribute('data-room', 'general')
    await ann.getByTestId('composer-input').focus()
    await ann.keyboard.press('Control+g')
    await ann.keyboard.type('nowhere')
    await expectPage(ann.getByTestId('switcher-empty')).toBeVisible()
    await ann.keyboard.press('Escape')
    await expectPage(ann.getByTestId('switcher')).toHaveCount(0)
    expect(
      await ann.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { dataset: { testid?: string } } } }).document
            .activeElement.dataset.testid,
      ),
    ).toBe('composer-input')
  })

  it('shows who someone is from their name or @name, and messages them from there', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    await bob.getByTestId('composer-input').fill('/status At the lab until 5')
    await bob.getByTestId('composer-input').press('Enter')
    await expectPage(bob.getByTestId('status-text')).toHaveText('At the lab until 5')
    await say(bob, '@Ann the results are in')
    const card = ann.getByTestId('person-card')
    const name = ann.getByTestId('message-author').first()
    await name.click()
    await expectPage(ann.getByTestId('person-card-name')).toHaveText('Bob')
    await expectPage(ann.getByTestId('person-card-state')).toHaveText('online · on websocket')
    await expectPage(ann.getByTestId('person-card-status')).toHaveText('At the lab until 5')
    // Esc closes it, and the keyboard is back where it was.
    await ann.keyboard.press('Escape')
    await expectPage(card).toHaveCount(0)
    expect(await name.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true)

    // One's own @name: oneself, nobody to message.
    await ann.getByTestId('message-mention').click()
    await expectPage(ann.getByTestId('person-card-name')).toHaveText('Ann (you)')
    await expectPage(ann.getByTestId('person-card-message')).toHaveCount(0)
    // A click elsewhere closes it.
    await ann.getByTestId('message-list').click({ position: { x: 5, y: 5 } })
    await expectPage(card).toHaveCount(0)

    await name.click()
    await ann.getByTestId('person-card-message').click()
    await expectPage(card).toHaveCount(0)
    await expectPage(ann.locator('.room--active')).toHaveAttribute('data-room', /^dm/)
    await expectPage(ann.getByTestId('dm-status')).toHaveText('online')

    // Gone offline: when they were last seen; their DM still opens from the card.
    await ann.locator('[data-testid=room-item][data-room=general]').click()
    await bob.close()
    await expectPage(ann.locator('[data-testid=member][data-name=Bob]')).toHaveCount(0)
    await name.click()
    await expectPage(ann.getByTestId('person-card-state')).toHaveText(/^last seen /)
    await ann.getByTestId('person-card-message').click()
    await expectPage(ann.locator('.room--active')).toHaveAttribute('data-room', /^dm/)
  })

  it('copies a link to a message, which opens it however far back: in the app, and in a browser that joins', async () => {
    const { ann, bob } = await annAndBob(browser, server.url)
    const cy = (await joinServerAs(server.url, 'Cy')).client
    await sendMessage(cy, { roomId: 'general', text: 'the plan is in the wiki' })
    for (let i = 1; i <= 70; i++) await sendMessage(cy, { roomId: 'general', text: `filler ${i}` })
    cy.disconnect()
    await expectPage(bob.getByTestId('message-text').last()).toHaveText('filler 70')

    // Ann finds it, and copies its link.
    await ann.getByTestId('search-open').click()
    await ann.getByTestId('search-input').fill('wiki')
    await ann.getByTestId('search-result').first().click()
    const planned = ann.locator('[data-testid=message][data-revealed=true]')
    await expectPage(planned.getByTestId('message-text')).toHaveText('the plan is in the wiki')
    const id = (await planned.getAttribute('data-message-id'))!
    await ann.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    await planned.hover()
    await planned.getByTestId('message-copy-link').click()
    await expectPage(planned.getByTestId('message-copy-link')).toHaveText('Copied')
    const link = await ann.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    )
    expect(link).toBe(`${server.url}/#message/general/${id}`)

    // Sent as a message, it opens in the app, not in another tab: Bob is taken to it.
    await ann.getByTestId('panel-close').click()
    await say(ann, `see ${link}`)
    const linkInChat = bob.getByTestId('message').last().locator('a')
    await expectPage(linkInChat).toHaveText(link)
    await linkInChat.click()
    await expectPage(bob.locator('[data-testid=message][data-revealed=true] [data-testid=message-text]')).toHaveText(
      'the plan is in the wiki',
    )
    expect(bob.context().pages()).toHaveLength(1)

    // Opened in a browser: the join screen, then the message.
    const dee = await browser.newPerson()
    await dee.goto(link)
    await dee.getByTestId('join-name').fill('Dee')
    await dee.getByTestId('join-submit').click()
    await expectPage(dee.locator('[data-testid=message][data-revealed=true] [data-testid=message-text]')).toHaveText(
      'the plan is in the wiki',
    )
    expect(await dee.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe('')
  })

  it('keeps the reader’s place in a room they scrolled up in, until something new comes', async () => {
    const { ann } = await annAndBob(browser, server.url)
    const cy = (await joinServerAs(server.url, 'Cy')).client
    for (let i = 1; i <= 60; i++) await sendMessage(cy, { roomId: 'general', text: `note ${i}` })
    await expectPage(ann.getByTestId('message-text').last()).toHaveText('note 60')
    const list = ann.getByTestId('message-list')
    const row = ann.locator('[data-testid=message]').filter({ hasText: 'note 30' })
    /** How far below the top of the list the row sits, in px. */
    const offset = () =>
      row.evaluate((element) => {
        const scroller = element.closest('[data-testid=message-list]')!
        return Math.round(element.getBoundingClientRect().top - scroller.getBoundingClientRect().top)
      })
    await row.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    const where = await offset()
    const scrolledUp = () =>
      list.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight > 64)
    expect(await scrolledUp()).toBe(true)

    await ann.getByTestId('room-create').click()
    await ann.getByTestId('room-create-name').fill('lab')
    await ann.getByTestId('room-create-name').press('Enter')
    await expectPage(ann.locator('.room--active')).toHaveAttribute('data-room', 'lab')
    await ann.locator('[data-testid=room-item][data-room=general]').click()
    await expectPage(ann.getByTestId('message-text').last()).toHaveText('note 60')
    expect(Math.abs((await offset()) - where)).toBeLessThanOrEqual(2)

    // Something new while away: the room opens at it, not at the old place.
    await ann.locator('[data-testid=room-item][data-room=lab]').click()
    await sendMessage(cy, { roomId: 'general', text: 'news' })
    await expectPage(ann.locator('[data-testid=room-item][data-room=general] [data-testid=room-unread]')).toHaveText(
      '1',
    )
    await ann.locator('[data-testid=room-item][data-room=general]').click()
    await expectPage(ann.getByTestId('unread-divider')).toHaveCount(1)
    expect(await scrolledUp()).toBe(false)
    cy.disconnect()
  })

  it('lists the keyboard shortcuts, from Ctrl+/ or the sidebar, and closes them with Esc', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await ann.getByTestId('composer-input').press('Control+/')
    const panel = ann.getByTestId('shortcuts-panel')
    await expectPage(panel).toBeVisible()
    const keys = await ann.getByTestId('shortcut-keys').allTextContents()
    expect(keys).toEqual(expect.arrayContaining(['Ctrl+K', 'Ctrl+/', 'Alt+↑ / Alt+↓', 'Shift+Enter']))
    await ann.keyboard.press('Escape')
    await expectPage(panel).toHaveCount(0)
    await ann.getByTestId('shortcuts-open').click()
    await expectPage(panel).toBeVisible()
    await expectPage(ann.getByTestId('shortcuts-open')).toHaveAttribute('aria-pressed', 'true')
    // What it lists works: Ctrl+K goes from the shortcuts to the search.
    await ann.getByTestId('composer-input').press('Control+k')
    await expectPage(ann.getByTestId('search-panel')).toBeVisible()
  })

  it('sends with Ctrl+Enter once chosen, Enter starting a new line, kept across a reload and listed', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    const input = ann.getByTestId('composer-input')
    await ann.getByTestId('send-with-ctrl').check()
    await input.pressSequentially('line one')
    await input.press('Enter')
    await input.pressSequentially('line two')
    await expectPage(ann.getByTestId('message')).toHaveCount(0)
    await input.press('Control+Enter')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['line one\nline two'])

    await ann.reload()
    await expect.poll(() => ann.getByTestId('send-with-ctrl').isChecked()).toBe(true)
    await ann.getByTestId('shortcuts-open').click()
    expect(await ann.getByTestId('shortcut-keys').allTextContents()).toEqual(
      expect.arrayContaining(['Ctrl+Enter', 'Enter or Shift+Enter']),
    )
    // Back to Enter: it sends again.
    await ann.getByTestId('send-with-ctrl').uncheck()
    await input.pressSequentially('just one line')
    await input.press('Enter')
    await expectPage(ann.getByTestId('message-text')).toHaveText(['line one\nline two', 'just one line'])
  })

  it('invites others with the address to open and a QR code for it', async () => {
    const ann = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await ann.getByTestId('invite-open').click()
    // This test server listens on 127.0.0.1 only, so that is the one address it gives.
    await expectPage(ann.getByTestId('invite-url')).toHaveText(`${server.url}/`)
    await expectPage(ann.getByTestId('qr-code')).toHaveAttribute('data-text', `${server.url}/`)
    await expectPage(ann.getByTestId('qr-code')).toBeVisible()
    await ann.getByTestId('invite-open').click()
    await expectPage(ann.getByTestId('invite-panel')).toHaveCount(0)
  })

  it('shows join errors for a taken name, and creates and joins rooms', async () => {
    const ann = await browser.newPerson()
    const bob = await browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await bob.goto(server.url)
    await bob.getByTestId('join-name').fill('ann')
    await bob.getByTestId('join-submit').click()
    await expectPage(bob.getByTestId('join-error')).toHaveText(
      'The name "ann" is taken by someone online. If that is you on another device, add this one with a code from "Add a device" there.',
    )
    await bob.getByTestId('join-name').fill('Bob')
    await bob.getByTestId('join-submit').click()
    await bob.getByTestId('composer-input').waitFor()

    await ann.getByTestId('room-create').click()
    await ann.getByTestId('room-create-name').fill('lab')
    await ann.getByTestId('room-create-name').press('Enter')
    await expectPage(ann.locator('[data-testid=room-item][data-room=lab]')).toHaveClass(/room--active/)
    await say(ann, 'welcome to the lab')
    // A topic: set by anyone in the room, seen by everyone, as text (a link only for http(s)).
    await ann.getByTestId('room-topic-edit').click()
    await ann.getByTestId('room-topic-input').fill('Lab 3')
    await ann.getByTestId('room-topic-save').click()
    await expectPage(ann.getByTestId('room-topic')).toHaveText('Lab 3')
    await ann.getByTestId('room-topic-edit').click()
    await ann.getByTestId('room-topic-input').fill('two\u202elines')
    await ann.getByTestId('room-topic-input').press('Enter')
    await expectPage(ann.getByTestId('room-topic-error')).toHaveText(
      'Not saved: A topic is one line, without invisible or control characters',
    )
    await ann.getByTestId('room-topic-input').press('Escape')
    await expectPage(ann.getByTestId('room-topic-input')).toHaveCount(0)
    await expectPage(ann.getByTestId('room-topic-error')).toHaveCount(0)

    // The same from the composer, as a command: `/` lists them, Tab takes one.
    const composer = ann.getByTestId('composer-input')
    await composer.pressSequentially('/to')
    await expectPage(ann.getByTestId('command-suggestion')).toHaveCount(1)
    await expectPage(ann.getByTestId('command-suggestion')).toHaveText(/^\/topic/)
    // Screen readers follow the list from the textarea.
    await expectPage(composer).toHaveAttribute('aria-controls', 'command-suggestions')
    await expectPage(composer).toHaveAttribute('aria-activedescendant', 'command-suggestion-0')
    await composer.press('Tab')
    await composer.pressSequentially('Lab 3 <i>help</i>, notes at http://wiki.lan/lab3')
    await composer.press('Enter')
    await expectPage(ann.getByTestId('room-topic')).toHaveText('Lab 3 <i>help</i>, notes at http://wiki.lan/lab3')
    await expectPage(composer).toHaveValue('')
    // /shrug sends a message; a path is a message, not a command.
    await say(ann, '/shrug no idea')
    await say(ann, '/etc/hosts is fine')
    // /me says what one does: stored as typed, shown after one's name, in italics.
    await say(ann, '/me waves at *everyone*')
    await expectPage(ann.getByTestId('message-text')).toHaveText([
      'welcome to the lab',
      'no idea ¯\\_(ツ)_/¯',
      '/etc/hosts is fine',
      'Ann waves at everyone',
    ])

    await expectPage(ann.locator('[data-testid=message-text][data-action=true] em')).toHaveText('everyone')
    // Nothing to say: nothing is sent, and the composer says why.
    await say(ann, '/me')
    await expectPage(ann.locator('.composer__error')).toHaveText('Say what you are doing after /me, as in /me waves')
    await expectPage(composer).toHaveValue('/me')
    await composer.fill('')
    const bobLab = bob.locator('[data-testid=room-item][data-room=lab]')
    await expectPage(bobLab).toHaveClass(/room--unjoined/)
    await bobLab.click()
    await expectPage(bob.getByTestId('message-text')).toHaveText([
      'welcome to the lab',
      'no idea ¯\\_(ツ)_/¯',
      '/etc/hosts is fine',
      'Ann waves at everyone',
    ])
    await expectPage(bob.getByTestId('room-topic')).toHaveText('Lab 3 <i>help</i>, notes at http://wiki.lan/lab3')
    await expectPage(bob.locator('[data-testid=room-topic] i')).toHaveCount(0)
    await expectPage(bob.locator('[data-testid=room-topic] a')).toHaveAttribute('href', 'http://wiki.lan/lab3')
    await say(bob, 'thanks')
    await expectPage(ann.getByTestId('message-text').last()).toHaveText('thanks')

    // Bob leaves #lab: #general opens, #lab counts nothing more, and a reload does not bring it back.
    await bob.locator('[data-testid=room-item][data-room=general]').click()
    await expectPage(bob.getByTestId('room-leave')).toHaveCount(1)
    await bobLab.hover()
    await bob.getByTestId('room-leave').click()
    await expectPage(bobLab).toHaveClass(/room--unjoined/)
    await expectPage(bob.getByTestId('room-leave')).toHaveCount(0)
    await say(ann, 'anyone still here?')
    await say(bob, 'in general now')
    await expectPage(bob.getByTestId('message-text').last()).toHaveText('in general now')
    await expectPage(bobLab.getByTestId('room-unread')).toHaveCount(0)
    await bob.reload()
    await expectPage(bob.locator('[data-testid=room-item][data-room=lab]')).toHaveClass(/room--unjoined/)
    // Joining again shows the room as it is now.
    await bob.locator('[data-testid=room-item][data-room=lab]').click()
    await expectPage(bob.getByTestId('message-text')).toHaveText([
      'welcome to the lab',
      'no idea ¯\\_(ツ)_/¯',
      '/etc/hosts is fine',
      'Ann waves at everyone',
      'thanks',
      'anyone still here?',
    ])
  })
})
