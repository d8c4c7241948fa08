import { describe, expect, it } from 'vitest'
import { request } from '../helpers/request'
import { connectClient, newToken, waitForEvent } from '../helpers/server'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e, useServerWithBob } from './suite'

describe('favourite rooms in Chromium', () => {
  const e2e = useE2e()
  const lan = useServerWithBob(e2e)

  it('lists a starred room or DM first, under Favourites, in the keyboard’s order too, and keeps it across a reload', async () => {
    await request(lan.bob, 'room:create', { name: 'lab' })
    await request(lan.bob, 'room:create', { name: 'ops' })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const room = (id: string) => ann.locator(`[data-testid=room-item][data-room=${id}]`)
    const star = ann.getByTestId('room-favourite')
    const active = ann.locator('.room--active')
    const favourites = ann.locator('[data-testid=favourites] [data-testid=room-item]')
    await expectPage(favourites).toHaveCount(0)
    await expectPage(ann.getByRole('heading', { name: 'Favourites' })).toHaveCount(0)

    await room('ops').click()
    await expectPage(ann.getByTestId('room-title')).toHaveText('#ops')
    await expectPage(star).toHaveAttribute('aria-pressed', 'false')
    await star.click()
    await expectPage(star).toHaveAttribute('aria-pressed', 'true')
    await expectPage(star).toHaveAttribute('aria-label', 'Take #ops off your favourites')
    await expectPage(ann.getByRole('heading', { name: 'Favourites' })).toHaveCount(1)
    await expectPage(favourites).toHaveText(['#ops'])
    // And the DM with Bob, opened from his name in the list.
    await ann.locator('[data-testid=member][data-name=Bob] button').click()
    await expectPage(ann.getByTestId('room-title')).toHaveText('Bob')
    await star.click()
    await expectPage(favourites).toHaveText(['#ops', 'Bob'])
    // Listed once: no longer among the rooms or the DMs below.
    await expectPage(room('ops')).toHaveCount(1)

    // Alt+↓ walks the sidebar as it shows: the favourites, then #general (#lab is not joined).
    await room('ops').click()
    await ann.keyboard.press('Alt+ArrowDown')
    await expectPage(active).toHaveAttribute('data-room', /^dm/)
    await ann.keyboard.press('Alt+ArrowDown')
    await expectPage(active).toHaveAttribute('data-room', 'general')

    await ann.reload()
    await expectPage(favourites).toHaveText(['#ops', 'Bob'])
    await room('ops').click()
    await star.click()
    await expectPage(favourites).toHaveText(['Bob'])
    await ann.reload()
    await expectPage(favourites).toHaveText(['Bob'])
  })

  it('puts favourites in one’s own order, dragged or with Ctrl+↑/↓, on every device and across a reload', async () => {
    for (const name of ['lab', 'ops']) await request(lan.bob, 'room:create', { name })
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, lan.server.url, 'Ann')
    const favourites = ann.locator('[data-testid=favourites] [data-testid=room-item]')
    for (const id of ['general', 'lab', 'ops']) {
      await ann.locator(`[data-testid=room-item][data-room=${id}]`).click()
      await expectPage(ann.getByTestId('room-title')).toHaveText(`#${id}`)
      await ann.getByTestId('room-favourite').click()
    }
    await expectPage(favourites).toHaveText(['#general', '#lab', '#ops'])
    const listed = (id: string) => ann.locator(`[data-testid=favourites] [data-testid=room-item][data-room=${id}]`)

    // Another tab of Ann's hears of each new order.
    const device = (await ann.evaluate("localStorage.getItem('parley:device')")) as string
    const tab = connectClient(lan.server.url)
    try {
      const joined = await request(tab, 'session:join', { name: 'Ann', token: newToken(), device })
      if (!('data' in joined)) throw new Error(joined.message)
      const heard = waitForEvent(tab, 'room:favourites-ordered')
      await listed('ops').dragTo(listed('general'))
      await expectPage(favourites).toHaveText(['#ops', '#general', '#lab'])
      expect((await heard)[0]).toEqual(['ops', 'general', 'lab'])

      // From the keyboard: the favourite in focus moves, and keeps the focus.
      await listed('lab').focus()
      await ann.keyboard.press('Control+ArrowUp')
      await expectPage(favourites).toHaveText(['#ops', '#lab', '#general'])
      await ann.keyboard.press('Control+ArrowUp')
      await expectPage(favourites).toHaveText(['#lab', '#ops', '#general'])
      // At the top it stays.
      await ann.keyboard.press('Control+ArrowUp')
      await ann.keyboard.press('Control+ArrowDown')
      await expectPage(favourites).toHaveText(['#ops', '#lab', '#general'])
      await expect.poll(() => ann.evaluate('document.activeElement.dataset.room')).toBe('lab')
    } finally {
      tab.close()
    }
    await ann.reload()
    await expectPage(favourites).toHaveText(['#ops', '#lab', '#general'])
  })
})
