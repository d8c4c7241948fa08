import { describe, expect, it } from 'vitest'
import type { Message } from '../../protocol'
import { request, sendMessage } from '../helpers/request'
import { waitForEvent } from '../helpers/server'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('threads in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('opens a message’s replies beside the chat, follows new ones, and replies there', async () => {
    const sent = async (text: string, replyTo?: number): Promise<Message> => {
      const result = await request(lan.bob, 'message:send', { roomId: 'general', text, ...(replyTo && { replyTo }) })
      if (!('data' in result)) throw new Error(result.message)
      return result.data
    }
    const root = await sent('lunch plans?')
    await sent('**pizza**', root.id)
    await sent('something else entirely')
    await sent('or sushi', root.id)
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const rootRow = ann.locator(`[data-testid=message][data-message-id="${root.id}"]`)
    await expectPage(ann.getByTestId('message-replies')).toHaveText(['💬 2 replies'])
    await rootRow.getByTestId('message-replies').click()
    await expectPage(ann.getByTestId('thread-panel')).toBeVisible()
    await expectPage(ann.getByTestId('thread-root-text')).toHaveText('lunch plans?')
    await expectPage(ann.getByTestId('thread-reply-text')).toHaveText(['pizza', 'or sushi'])
    // Formatted as in the room.
    await expectPage(ann.locator('[data-testid=thread-reply-text] strong')).toHaveText(['pizza'])

    // A new reply shows as it comes; one's own goes to the room as a reply.
    await sent('tacos!', root.id)
    await expectPage(ann.getByTestId('thread-reply-text')).toHaveText(['pizza', 'or sushi', 'tacos!'])
    const arrived = waitForEvent(lan.bob, 'message:created', (message) => message.text === 'count me in')
    await ann.getByTestId('thread-input').fill('count me in')
    await ann.getByTestId('thread-input').press('Enter')
    const [mine] = await arrived
    expect(mine).toMatchObject({ author: 'Ann', replyTo: { id: root.id, author: 'Bob' } })
    await expectPage(ann.getByTestId('thread-reply-text')).toHaveText(['pizza', 'or sushi', 'tacos!', 'count me in'])
    await expectPage(rootRow.getByTestId('message-replies')).toHaveText('💬 4 replies')
    // The room's own composer had no reply started, and still has none.
    await expectPage(ann.getByTestId('reply-preview')).toHaveCount(0)

    await ann.getByTestId('panel-close').click()
    await expectPage(ann.getByTestId('thread-panel')).toHaveCount(0)
  })

  it('counts every reply to a message opened far back, those not loaded included, as they come and go', async () => {
    // Patiently: 120 messages meet the send limit.
    const sent = async (text: string, replyTo?: number): Promise<Message> => {
      const result = await sendMessage(lan.bob, { roomId: 'general', text, ...(replyTo && { replyTo }) })
      if (!('data' in result)) throw new Error(result.message)
      return result.data
    }
    const root = await sent('the needle: who has the lab keys?')
    await sent('I do', root.id)
    for (let i = 1; i <= 120; i++) await sent(`note ${i}`)
    await sent('not me', root.id)
    const last = await sent('nor me', root.id)
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.getByTestId('search-open').click()
    await ann.getByTestId('search-input').fill('needle')
    await ann.getByTestId('search-result').click()
    const rootRow = ann.locator(`[data-testid=message][data-message-id="${root.id}"]`)
    await expectPage(rootRow).toHaveAttribute('data-revealed', 'true')
    // Only the first reply is loaded around it; the count is the server's.
    await expectPage(ann.getByTestId('message-text').filter({ hasText: 'not me' })).toHaveCount(0)
    await expectPage(rootRow.getByTestId('message-replies')).toHaveText('💬 3 replies')

    // Far below what is shown, a new reply and a deletion still move it.
    await sent('me neither', root.id)
    await expectPage(rootRow.getByTestId('message-replies')).toHaveText('💬 4 replies')
    await request(lan.bob, 'message:delete', { id: last.id })
    await expectPage(rootRow.getByTestId('message-replies')).toHaveText('💬 3 replies')
    await rootRow.getByTestId('message-replies').click()
    await expectPage(ann.getByTestId('thread-reply-text')).toHaveText(['I do', 'not me', 'me neither'])

    // The panel follows replies the room has not loaded: a new one, an edit, a deletion.
    const second = await sent('last call', root.id)
    await expectPage(ann.getByTestId('thread-reply-text')).toHaveText(['I do', 'not me', 'me neither', 'last call'])
    await request(lan.bob, 'message:edit', { id: second.id, text: 'last call!' })
    await expectPage(ann.getByTestId('thread-reply-text')).toHaveText(['I do', 'not me', 'me neither', 'last call!'])
    await request(lan.bob, 'message:delete', { id: second.id })
    await expectPage(ann.getByTestId('thread-reply-text')).toHaveText(['I do', 'not me', 'me neither'])
    await expectPage(ann.getByTestId('thread-count')).toHaveText('3 replies')
    await expectPage(rootRow.getByTestId('message-replies')).toHaveText('💬 3 replies')
  })
})
