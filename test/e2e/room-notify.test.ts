import { describe, expect, it } from 'vitest'
import { request, sendMessage } from '../helpers/request'
import { catchChimes, catchNotifications, joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('notifications per room in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  async function bobSays(roomId: string, text: string): Promise<void> {
    const result = await sendMessage(lan.bob, { roomId, text })
    if (!('data' in result)) throw new Error(result.message)
  }

  it('mutes one room and hears every message of another, and keeps both choices across a reload', async () => {
    const ann = await e2e.browser.newPerson()
    const { notes } = await catchNotifications(ann)
    await joinAs(ann, lan.server.url, 'Ann')
    await request(lan.bob, 'room:create', { name: 'side' })
    const room = (id: string) => ann.locator(`[data-testid=room-item][data-room=${id}]`)
    await room('side').click()
    await expectPage(ann.getByTestId('room-title')).toHaveText('#side')
    await ann.getByTestId('room-notify').selectOption('all')
    await room('general').click()
    await ann.getByTestId('room-notify').selectOption('none')
    await expectPage(room('general')).toHaveAttribute('data-muted', 'true')
    await expectPage(room('general').getByTestId('room-muted')).toHaveCount(1)
    await expectPage(room('side')).toHaveAttribute('data-muted', 'false')

    // Away from the window: #general (muted) says nothing, even of a mention; #side, at every message, does.
    await ann.evaluate('document.hasFocus = () => false')
    await bobSays('general', 'lunch, @Ann?')
    await bobSays('side', 'a side note')
    await expect.poll(notes).toEqual(['Bob in #side: a side note'])
    // The muted room's count is in its row only: the title counts #side's.
    await expectPage(room('general').getByTestId('room-unread')).toHaveText('1')
    await expectPage(room('side').getByTestId('room-unread')).toHaveText('1')
    await expect.poll(() => ann.title()).toBe('(1) #general · E2E')

    await ann.reload()
    await expectPage(room('general')).toHaveAttribute('data-muted', 'true')
    await room('side').click()
    await expectPage(ann.getByTestId('room-notify')).toHaveValue('all')
    // Back to what everywhere has: #side follows the level at the foot of the sidebar again.
    await ann.getByTestId('room-notify').selectOption('follow')
    await room('general').click()
    await expectPage(ann.getByTestId('room-notify')).toHaveValue('none')
    expect(await notes()).toEqual([])
  })

  it('chimes with each notification, and not once the sound is turned off, after a reload too', async () => {
    const ann = await e2e.browser.newPerson()
    const { notes } = await catchNotifications(ann)
    const chimes = await catchChimes(ann)
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.evaluate('document.hasFocus = () => false')
    await bobSays('general', 'no one is mentioned here')
    await bobSays('general', 'lunch, @Ann?')
    await expect.poll(notes).toEqual(['Bob in #general: lunch, @Ann?'])
    // One chime (two notes) for the one notification.
    await expect.poll(chimes.notes).toBe(2)

    await ann.getByTestId('notify-sound').uncheck()
    await ann.reload()
    await ann.getByTestId('composer-input').waitFor()
    await expect.poll(() => ann.getByTestId('notify-sound').isChecked()).toBe(false)
    await ann.evaluate('document.hasFocus = () => false')
    await bobSays('general', 'and coffee, @Ann?')
    await expect.poll(notes).toEqual(['Bob in #general: and coffee, @Ann?'])
    expect(await chimes.notes()).toBe(0)
  })

  it('pauses notifications for a while, kept across a reload: nothing notifies or chimes until resumed', async () => {
    const ann = await e2e.browser.newPerson()
    const { notes } = await catchNotifications(ann)
    const chimes = await catchChimes(ann)
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.getByTestId('notify-pause').selectOption('1h')
    // After 23:00, an hour on is tomorrow: the day's name comes before the time.
    await expectPage(ann.getByTestId('notify-paused')).toHaveText(/^Paused until (?:[A-Z][a-z]+ )?\d/)
    await ann.reload()
    await ann.getByTestId('composer-input').waitFor()
    await expectPage(ann.getByTestId('notify-paused')).toHaveText(/^Paused until (?:[A-Z][a-z]+ )?\d/)

    await ann.evaluate('document.hasFocus = () => false')
    await bobSays('general', 'lunch, @Ann?')
    // Counted as ever; the notification it would have had was decided as it came.
    const general = ann.locator('[data-testid=room-item][data-room=general]')
    await expectPage(general.getByTestId('room-unread')).toHaveText('1')
    expect(await notes()).toEqual([])
    expect(await chimes.notes()).toBe(0)

    await ann.getByTestId('notify-resume').click()
    await expectPage(ann.getByTestId('notify-paused')).toHaveCount(0)
    await bobSays('general', 'coffee, @Ann?')
    await expect.poll(notes).toEqual(['Bob in #general: coffee, @Ann?'])
    await expect.poll(chimes.notes).toBe(2)
  })
})
