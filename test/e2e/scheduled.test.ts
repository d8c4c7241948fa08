import { describe, expect, it } from 'vitest'
import { waitForEvent } from '../helpers/server'
import { joinAs } from './helpers'
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
})
