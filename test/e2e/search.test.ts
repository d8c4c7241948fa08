import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { request, sendMessage } from '../helpers/request'
import { joinAs, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

/** Whether `row` lies within the scrolled list's visible area. */
async function inView(list: Locator, row: Locator): Promise<boolean> {
  const [outer, inner] = await Promise.all([list.boundingBox(), row.boundingBox()])
  if (!outer || !inner) return false
  return inner.y >= outer.y - 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5
}

function texts(page: Page): Promise<string[]> {
  return page.getByTestId('message-text').allTextContents()
}

describe('search in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  /** Bob writes `note 1` … `note n` in #general, with `special` as note `at`. */
  async function history(n: number, at: number, special: string): Promise<void> {
    for (let i = 1; i <= n; i++) {
      const result = await sendMessage(lan.bob, { roomId: 'general', text: i === at ? special : `note ${i}` })
      if (!('data' in result)) throw new Error(result.message)
    }
  }

  it('finds messages in every room, and opens one far back in its room, marked, with a way to the newest', async () => {
    await history(80, 5, 'pineapple pizza tonight?')
    await request(lan.bob, 'room:create', { name: 'side' })
    await sendMessage(lan.bob, { roomId: 'side', text: 'Pineapple juice is in the fridge' })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await expectPage(ann.getByTestId('message-text').last()).toHaveText('note 80')

    await ann.getByTestId('composer-input').press('Control+k')
    await ann.getByTestId('search-input').fill('PINEAPPLE')
    const results = ann.getByTestId('search-result-text')
    await expectPage(results).toHaveText(['Pineapple juice is in the fridge', 'pineapple pizza tonight?'])
    await expectPage(ann.locator('[data-testid=search-result-text] mark')).toHaveText(['Pineapple', 'pineapple'])
    // Ctrl+K again, from the composer, goes back to the search box.
    await ann.getByTestId('composer-input').focus()
    await ann.keyboard.press('Control+k')
    await expect
      .poll(() => ann.getByTestId('search-input').evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true)

    await ann.getByTestId('search-scope').check()
    await expectPage(results).toHaveText(['pineapple pizza tonight?'])
    await ann.getByTestId('search-result').click()
    const target = ann.locator('[data-testid=message][data-revealed=true]')
    await expectPage(target.getByTestId('message-text')).toHaveText('pineapple pizza tonight?')
    const list = ann.getByTestId('message-list')
    await expect.poll(() => inView(list, target)).toBe(true)
    await expectPage(ann.getByTestId('jump-latest')).toHaveText('Jump to the newest ↓')

    // Reading older history: what Bob writes now waits below, and nothing shows out of place.
    await sendMessage(lan.bob, { roomId: 'general', text: 'fresh news' })
    // Found by a search that Ann's app asks after Bob's message went out: her app has had it by then.
    await ann.getByTestId('search-input').fill('fresh')
    await expectPage(results).toHaveText(['fresh news'])
    await expectPage(ann.getByTestId('jump-latest')).toHaveText('New messages ↓')
    expect(await texts(ann)).not.toContain('fresh news')
    await ann.getByTestId('jump-latest').click()
    await expectPage(ann.getByTestId('message-text').last()).toHaveText('fresh news')
    const newest = Array.from({ length: 49 }, (_, i) => `note ${i + 32}`)
    await expect.poll(() => texts(ann)).toEqual([...newest, 'fresh news'])
    await expectPage(ann.getByTestId('jump-latest')).toHaveCount(0)

    await ann.getByTestId('search-input').fill('nothing like this')
    await expectPage(ann.getByTestId('search-empty')).toHaveText('No messages match.')

    // "Only in" follows the room in view.
    await ann.getByTestId('search-input').fill('pineapple')
    await expectPage(results).toHaveText(['pineapple pizza tonight?'])
    await ann.locator('[data-testid=room-item][data-room=side]').click()
    await expectPage(results).toHaveText(['Pineapple juice is in the fridge'])
  })

  it('after a jump, scrolling down brings every message up to the newest, once each, and writing works', async () => {
    await history(150, 10, 'the needle')
    const ann = await e2e.browser.newPerson()
    await ann.setViewportSize({ width: 1100, height: 500 })
    await joinAs(ann, lan.server.url, 'Ann')
    await ann.getByTestId('search-open').click()
    await ann.getByTestId('search-input').fill('needle')
    await ann.getByTestId('search-result').click()
    await expectPage(ann.locator('[data-testid=message][data-revealed=true]')).toHaveCount(1)
    await sendMessage(lan.bob, { roomId: 'general', text: 'written meanwhile' })

    const list = ann.getByTestId('message-list')
    await expect
      .poll(
        async () => {
          await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
          return ann.getByTestId('jump-latest').count()
        },
        { timeout: 20_000 },
      )
      .toBe(0)
    const expected = Array.from({ length: 150 }, (_, i) => (i === 9 ? 'the needle' : `note ${i + 1}`))
    await expect.poll(() => texts(ann)).toEqual([...expected, 'written meanwhile'])
    await say(ann, 'back at the bottom')
    await expectPage(ann.getByTestId('message-text').last()).toHaveText('back at the bottom')
  })

  it('finds one person’s messages with from:name, with words marked or all of theirs, and those of some days', async () => {
    for (const text of ['**pizza** tonight?', 'the plan for monday'])
      await sendMessage(lan.bob, { roomId: 'general', text })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    await say(ann, 'pizza sounds good')
    await expectPage(ann.getByTestId('message')).toHaveCount(3)

    await ann.getByTestId('search-open').click()
    const results = ann.getByTestId('search-result-text')
    await ann.getByTestId('search-input').fill('pizza from:BOB')
    await expectPage(results).toHaveText(['pizza tonight?'])
    // Only the words are marked, not the name; formatted as in the room.
    await expectPage(ann.locator('[data-testid=search-result-text] mark')).toHaveText(['pizza'])
    await expectPage(ann.locator('[data-testid=search-result-text] strong mark')).toHaveText(['pizza'])
    await ann.getByTestId('search-input').fill('from:@bob')
    await expectPage(results).toHaveText(['the plan for monday', 'pizza tonight?'])
    await ann.getByTestId('search-input').fill('from:Ann')
    await expectPage(results).toHaveText(['pizza sounds good'])
    await ann.getByTestId('search-input').fill('from:Zed')
    await expectPage(ann.getByTestId('search-empty')).toHaveCount(1)

    // Days, in the page's own time: everything said today, nothing yesterday, and a day that is not one.
    await ann.getByTestId('search-input').fill('on:today')
    await expectPage(results).toHaveText(['pizza sounds good', 'the plan for monday', 'pizza tonight?'])
    await ann.getByTestId('search-input').fill('pizza after:yesterday from:bob')
    await expectPage(results).toHaveText(['pizza tonight?'])
    await ann.getByTestId('search-input').fill('on:yesterday')
    await expectPage(ann.getByTestId('search-empty')).toHaveCount(1)
    await ann.getByTestId('search-input').fill('pizza before:2026-02-30')
    await expectPage(ann.getByTestId('search-error')).toHaveText(
      'No such day as “2026-02-30”: write a day as 2026-12-06, today or yesterday',
    )
    await expectPage(results).toHaveCount(0)
  })
})
