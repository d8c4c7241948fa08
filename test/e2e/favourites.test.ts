import { describe, it } from 'vitest'
import { request } from '../helpers/request'
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
})
