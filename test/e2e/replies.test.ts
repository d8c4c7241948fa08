import { describe, expect, it } from 'vitest'
import type { Message } from '../../protocol'
import { waitForEvent } from '../helpers/server'
import { request, sendMessage } from '../helpers/request'
import { catchNotifications, joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('replies in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  async function bobSays(text: string, replyTo?: number): Promise<Message> {
    const result = await sendMessage(lan.bob, { roomId: 'general', text, ...(replyTo && { replyTo }) })
    if (!('data' in result)) throw new Error(result.message)
    return result.data
  }

  it('answers a message with its quote for everyone, and Escape drops a reply before it is sent', async () => {
    await bobSays('who brings the cake?')
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const question = ann.getByTestId('message').first()
    await question.hover()
    await question.getByTestId('message-reply').click()
    await expectPage(ann.getByTestId('reply-preview')).toHaveText(/^Replying to Bob\s*who brings the cake\?\s*✕$/)

    // The composer has the focus: the answer is typed straight away.
    const arrived = waitForEvent(lan.bob, 'message:created')
    await ann.keyboard.type('me! <b>chocolate</b>')
    await ann.keyboard.press('Enter')
    await expectPage(ann.getByTestId('reply-preview')).toHaveCount(0)
    const answer = ann.getByTestId('message').last()
    await expectPage(answer.getByTestId('message-quote')).toHaveText(/^Bob\s*who brings the cake\?$/)
    // User text stays text.
    await expectPage(answer.getByTestId('message-text')).toHaveText('me! <b>chocolate</b>')
    expect((await arrived)[0]).toMatchObject({ text: 'me! <b>chocolate</b>', replyTo: { author: 'Bob' } })

    await question.hover()
    await question.getByTestId('message-reply').click()
    await expectPage(ann.getByTestId('reply-preview')).toHaveCount(1)
    await ann.getByTestId('composer-input').press('Escape')
    await expectPage(ann.getByTestId('reply-preview')).toHaveCount(0)
    await ann.getByTestId('composer-input').fill('just a message')
    await ann.getByTestId('composer-input').press('Enter')
    await expectPage(ann.getByTestId('message').last().getByTestId('message-text')).toHaveText('just a message')
    await expectPage(ann.getByTestId('message').last().getByTestId('message-quote')).toHaveCount(0)
  })

  it('opens the answered message from the quote, however far back, and shows when it was deleted', async () => {
    const question = await bobSays('anyone seen my keys?')
    for (let i = 1; i <= 60; i++) await bobSays(`note ${i}`)
    await bobSays('found them, never mind', question.id)
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const answer = ann.getByTestId('message').last()
    await expectPage(answer.getByTestId('message-text')).toHaveText('found them, never mind')
    // Only the newest page is loaded: the question is not in it.
    const questionShown = ann.getByTestId('message-text').filter({ hasText: 'anyone seen my keys?' })
    await expectPage(ann.getByTestId('message-text').first()).toHaveText('note 12')
    await expectPage(questionShown).toHaveCount(0)

    await answer.getByTestId('message-quote').click()
    const target = ann.locator('[data-testid=message][data-revealed=true]')
    await expectPage(target.getByTestId('message-text')).toHaveText('anyone seen my keys?')

    await ann.getByTestId('jump-latest').click()
    await expectPage(answer.getByTestId('message-text')).toHaveText('found them, never mind')
    await request(lan.bob, 'message:delete', { id: question.id })
    await expectPage(answer.getByTestId('message-quote')).toHaveText(/^Bob\s*Message deleted$/)
  })

  it('notifies of a reply to one of yours from another room, and the notification opens it', async () => {
    const ann = await e2e.browser.newPerson()
    const { notes } = await catchNotifications(ann)
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.getByTestId('composer-input').fill('who has the projector remote?')
    await ann.getByTestId('composer-input').press('Enter')
    await expectPage(ann.locator('[data-testid=message][data-state=sent]')).toHaveCount(1)
    const mine = Number(await ann.getByTestId('message').last().getAttribute('data-message-id'))
    await request(lan.bob, 'room:create', { name: 'side' })
    await ann.getByTestId('room-item').filter({ hasText: 'side' }).click()
    await expectPage(ann.getByTestId('room-title')).toHaveText('#side')

    // Away from the window: a reply to Ann's message notifies her, a plain message does not.
    await ann.evaluate('document.hasFocus = () => false')
    await bobSays('anyone for coffee?')
    await bobSays('in my drawer', mine)
    await expect.poll(notes).toEqual(['Bob in #general: in my drawer'])
    await ann.evaluate('delete document.hasFocus')
    await ann.evaluate('window.shownNotifications[0].onclick()')
    await expectPage(ann.getByTestId('room-title')).toHaveText('#general')
    const opened = ann.locator('[data-testid=message][data-revealed=true]')
    await expectPage(opened.getByTestId('message-text')).toHaveText('in my drawer')
  })
})
