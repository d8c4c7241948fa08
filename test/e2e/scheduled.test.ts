import { describe, expect, it } from 'vitest'
import { request } from '../helpers/request'
import { connectClient, newToken, waitForEvent } from '../helpers/server'
import { catchNotifications, joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

/** `at` as a `datetime-local` field takes it: local time, to the minute. */
const fieldTime = (at: number): string =>
  new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 16)

describe('scheduled messages in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('schedules what is typed, lists it, and sends, edits or cancels it from the list, across a reload', async () => {
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const input = ann.getByTestId('composer-input')
    const later = ann.getByTestId('composer-schedule')
    const items = ann.getByTestId('scheduled-item')
    await expectPage(ann.getByTestId('scheduled-open')).toHaveCount(0)
    // Nothing typed, nothing to schedule.
    await expectPage(later).toHaveAttribute('disabled', '')

    await input.fill('see you all at the demo')
    await later.click()
    await expectPage(ann.getByTestId('schedule-menu')).toBeVisible()
    await ann.locator('[data-testid=schedule-option][data-choice="1h"]').click()
    await expectPage(ann.getByTestId('schedule-menu')).toHaveCount(0)
    await expectPage(ann.getByTestId('scheduled-here')).toHaveText(/1 message of yours is scheduled here/)
    expect(await input.inputValue()).toBe('')
    await ann.getByTestId('scheduled-show').click()
    await expectPage(items).toHaveCount(1)
    await expectPage(ann.getByTestId('scheduled-text')).toHaveText('see you all at the demo')
    await expectPage(ann.getByTestId('scheduled-where')).toHaveText('to #general')
    await expectPage(ann.getByTestId('scheduled-when')).toHaveText(/^⏱ (?:[A-Z][a-z]+ )?\d/)

    // Send now: Bob has it at once, and it leaves the list.
    const arrived = waitForEvent(lan.bob, 'message:created', (message) => message.text === 'see you all at the demo')
    await ann.getByTestId('scheduled-send-now').click()
    await arrived
    await expectPage(ann.getByTestId('scheduled-empty')).toBeVisible()
    await expectPage(ann.getByTestId('scheduled-here')).toHaveCount(0)
    await expectPage(ann.locator('[data-testid=message-text]').last()).toHaveText('see you all at the demo')

    // Any other time, typed in: one past is refused, with why.
    await input.fill('slides are up')
    await later.click()
    await ann.getByTestId('schedule-at').fill(fieldTime(Date.now() - 60 * 60 * 1000))
    await ann.getByTestId('schedule-confirm').click()
    await expectPage(ann.getByTestId('schedule-error')).toHaveText('That time has passed')
    const tomorrow = new Date()
    tomorrow.setDate(tomorrow.getDate() + 1)
    tomorrow.setHours(10, 30, 0, 0)
    await ann.getByTestId('schedule-at').fill(fieldTime(tomorrow.getTime()))
    await ann.getByTestId('schedule-confirm').click()
    await expectPage(items).toHaveCount(1)
    await expectPage(ann.getByTestId('scheduled-when')).toHaveText(/10:30/)

    // Kept by the server: there after a reload.
    await ann.reload()
    await expectPage(ann.getByTestId('scheduled-open')).toHaveText('Scheduled messages (1)')
    await ann.getByTestId('scheduled-open').click()
    await ann.getByTestId('scheduled-edit').click()
    await ann.getByTestId('scheduled-edit-input').fill('slides are up on the share')
    await ann.getByTestId('scheduled-edit-input').press('Enter')
    await expectPage(ann.getByTestId('scheduled-text')).toHaveText('slides are up on the share')

    await ann.getByTestId('scheduled-cancel').click()
    await expectPage(ann.getByTestId('scheduled-empty')).toBeVisible()
    await expectPage(ann.getByTestId('scheduled-open')).toHaveCount(0)
  })

  it('tells its writer when a scheduled message could not go, and a click opens the room it was meant for', async () => {
    const server = await e2e.server({ name: 'E2E', moderatorPassword: 'keys to the lab' })
    const mia = connectClient(server.url)
    const tab = connectClient(server.url)
    try {
      const moderating = await request(mia, 'session:join', {
        name: 'Mia',
        token: newToken(),
        moderatorPassword: 'keys to the lab',
      })
      if (!('data' in moderating)) throw new Error(moderating.message)
      await request(mia, 'room:create', { name: 'news' })
      const ann = await e2e.browser.newPerson()
      const { notes } = await catchNotifications(ann)
      await joinAs(ann, server.url, 'Ann')
      await ann.locator('[data-testid=room-item][data-room=news]').click()
      await expectPage(ann.getByTestId('room-title')).toHaveText('#news')
      await ann.locator('[data-testid=room-item][data-room=general]').click()

      // Another tab of Ann's schedules one in #news; this page lists it.
      const device = (await ann.evaluate("localStorage.getItem('parley:device')")) as string
      const joined = await request(tab, 'session:join', { name: 'Ann', token: newToken(), device, rooms: ['news'] })
      if (!('data' in joined)) throw new Error(joined.message)
      const text = 'the demo moved to 3pm'
      const entry = await request(tab, 'message:schedule', { roomId: 'news', text, at: Date.now() + 3_600_000 })
      if (!('data' in entry)) throw new Error(entry.message)
      await expectPage(ann.getByTestId('scheduled-open')).toHaveText('Scheduled messages (1)')

      // Only moderators post there now: sent from the other tab, it cannot go, and this page says so.
      await request(mia, 'room:posting', { roomId: 'news', onlyModerators: true })
      expect(await request(tab, 'scheduled:send', { id: entry.data.id })).toMatchObject({ error: 'FORBIDDEN' })
      await expect
        .poll(notes)
        .toEqual([`Your scheduled message to #news was not sent: Only moderators post in #news · ${text}`])
      await expectPage(ann.getByTestId('scheduled-open')).toHaveText('Scheduled messages (1, 1 not sent)')
      await ann.evaluate('window.shownNotifications[0].onclick()')
      await expectPage(ann.getByTestId('room-title')).toHaveText('#news')
      await expectPage(ann.getByTestId('scheduled-here-failed')).toHaveText('(not sent)')

      // Said once: after a reload, the list's next change announces nothing about it again.
      await ann.reload()
      await expectPage(ann.getByTestId('scheduled-open')).toHaveText('Scheduled messages (1, 1 not sent)')
      await request(tab, 'message:schedule', { roomId: 'general', text: 'later', at: Date.now() + 3_600_000 })
      await expectPage(ann.getByTestId('scheduled-open')).toHaveText('Scheduled messages (2, 1 not sent)')
      expect(await notes()).toEqual([])
    } finally {
      mia.close()
      tab.close()
    }
  })
})
