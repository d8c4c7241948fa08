import { describe, expect, it } from 'vitest'
import { waitForEvent } from '../helpers/server'
import { request, sendMessage } from '../helpers/request'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('reactions in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('reacts from the picker, counts others’ reactions, and takes one’s own back', async () => {
    const sent = await sendMessage(lan.bob, { roomId: 'general', text: 'the release is out' })
    if (!('data' in sent)) throw new Error(sent.message)
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const message = ann.getByTestId('message').first()
    await message.hover()
    await message.getByTestId('message-react').click()
    await expectPage(ann.getByTestId('reaction-option')).toHaveCount(6)
    // The picker takes the focus, and Escape closes it.
    await ann.keyboard.press('Escape')
    await expectPage(ann.getByTestId('reaction-picker')).toHaveCount(0)

    await message.hover()
    await message.getByTestId('message-react').click()
    const seen = waitForEvent(lan.bob, 'message:deltas')
    await ann.getByTestId('reaction-option').filter({ hasText: '🎉' }).click()
    expect((await seen)[0]).toMatchObject([{ kind: 'reaction', name: 'Ann', emoji: '🎉', on: true }])
    const party = message.locator('[data-testid=message-reaction][data-emoji="🎉"]')
    await expectPage(party).toHaveText('🎉 1')
    await expectPage(party).toHaveAttribute('aria-pressed', 'true')

    await request(lan.bob, 'message:react', { id: sent.data.id, emoji: '🎉', on: true })
    await request(lan.bob, 'message:react', { id: sent.data.id, emoji: '👍', on: true })
    await expectPage(message.getByTestId('message-reaction')).toHaveText(['🎉 2', '👍 1'])
    await expectPage(message.locator('[data-emoji="👍"]')).toHaveAttribute('aria-pressed', 'false')

    // Clicking one's own takes it back; clicking someone else's adds one's own.
    await party.click()
    await expectPage(message.getByTestId('message-reaction')).toHaveText(['🎉 1', '👍 1'])
    await message.locator('[data-emoji="👍"]').click()
    await expectPage(message.getByTestId('message-reaction')).toHaveText(['🎉 1', '👍 2'])
    // After a reload, from history.
    await ann.reload()
    await expectPage(ann.getByTestId('message').first().getByTestId('message-reaction')).toHaveText(['🎉 1', '👍 2'])
  })
  it('finds any emoji to react with by name, and completes :shortcodes: in the composer', async () => {
    await sendMessage(lan.bob, { roomId: 'general', text: 'shipped' })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const message = ann.getByTestId('message').first()
    await message.hover()
    await message.getByTestId('message-react').click()
    // The search has the focus: typing finds, Enter takes the best match.
    await ann.keyboard.type('rocket')
    await expectPage(ann.getByTestId('reaction-option').first()).toHaveText('🚀')
    const seen = waitForEvent(lan.bob, 'message:deltas')
    await ann.keyboard.press('Enter')
    expect((await seen)[0]).toMatchObject([{ kind: 'reaction', name: 'Ann', emoji: '🚀', on: true }])
    await expectPage(message.getByTestId('message-reaction')).toHaveText(['🚀 1'])
    await expectPage(ann.getByTestId('reaction-picker')).toHaveCount(0)

    // Used last, so first in the quick row next time; the usual ones follow.
    await message.hover()
    await message.getByTestId('message-react').click()
    await expectPage(ann.getByTestId('reaction-option')).toHaveText(['🚀', '👍', '❤️', '😂', '🎉', '😮'])
    // A skin tone, kept for the next time: 👍 comes in it, from the quick row and from a search.
    await ann.locator('[data-testid=skin-tone][data-tone="3"]').click()
    await expectPage(ann.locator('[data-testid=skin-tone][data-tone="3"]')).toHaveAttribute('aria-checked', 'true')
    await expectPage(ann.getByTestId('reaction-option').nth(1)).toHaveText('👍🏽')
    await ann.getByTestId('reaction-search').fill('thumbsup')
    await expectPage(ann.getByTestId('reaction-option').first()).toHaveText('👍🏽')
    const toned = waitForEvent(lan.bob, 'message:deltas')
    await ann.keyboard.press('Enter')
    expect((await toned)[0]).toMatchObject([{ kind: 'reaction', name: 'Ann', emoji: '👍🏽', on: true }])

    await message.hover()
    await message.getByTestId('message-react').click()
    await ann.getByTestId('reaction-search').fill('<b>qqzx')
    await expectPage(ann.getByTestId('reaction-search-empty')).toHaveText(/^No emoji for “<b>qqzx”$/)
    await expectPage(ann.getByTestId('reaction-option')).toHaveCount(0)
    await ann.keyboard.press('Escape')
    await expectPage(ann.getByTestId('reaction-picker')).toHaveCount(0)

    // `:tad` offers 🎉 first and Enter takes it; a whole `:+1:` becomes 👍, in the tone chosen, as it is typed.
    const composer = ann.getByTestId('composer-input')
    await composer.pressSequentially('ship it :tad')
    await expectPage(ann.getByTestId('emoji-suggestion').first()).toHaveAttribute('data-emoji', '🎉')
    await composer.press('Enter')
    await expectPage(composer).toHaveValue('ship it 🎉 ')
    await composer.pressSequentially('and :+1:')
    await expectPage(composer).toHaveValue('ship it 🎉 and 👍🏽')
    const arrived = waitForEvent(lan.bob, 'message:created')
    await composer.press('Enter')
    expect((await arrived)[0].text).toBe('ship it 🎉 and 👍🏽')

    // 😊 beside the composer: the same picker, its emoji put where the caret was, and typing goes on.
    await composer.pressSequentially('lift-off')
    await composer.press('Home')
    await ann.getByTestId('emoji-open').click()
    await ann.keyboard.type('rocket')
    await expectPage(ann.getByTestId('emoji-option').first()).toHaveText('🚀')
    await ann.keyboard.press('Enter')
    await expectPage(ann.getByTestId('emoji-picker')).toHaveCount(0)
    await expectPage(composer).toHaveValue('🚀lift-off')
    await ann.keyboard.type(' ')
    await expectPage(composer).toHaveValue('🚀 lift-off')
  })
})
