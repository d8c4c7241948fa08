import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { request, uploadFile } from '../helpers/request'
import { connectClient, joinAs as joinClient, newToken } from '../helpers/server'
import { joinAs, joinAsModerator, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

/** axe-core, run in the page through the DevTools protocol: the page's CSP allows no injected script tag. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface Violation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** What axe finds wrong with the page as it is now (WCAG A and AA, and axe's best practices), one line each. */
async function problems(page: Page, where: string): Promise<string[]> {
  await page.evaluate(AXE)
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<Record<string, unknown>> }> } })
      .axe
    const { violations } = await axe.run()
    return violations.map((found) => ({
      id: found['id'],
      impact: found['impact'],
      help: found['help'],
      targets: (found['nodes'] as Array<{ target: string[] }>).map((node) => node.target.join(' ')),
    })) as Violation[]
  })
  return violations.map(({ id, impact, help, targets }) => `${where}: ${id} (${impact}) ${help}: ${targets.join(', ')}`)
}

describe('accessibility in Chromium (axe-core)', () => {
  const e2e = useE2e()

  it('finds nothing wrong on the join screen, the chat, its panels and pickers, light and dark, wide and narrow', async () => {
    const server = await e2e.server({ name: 'E2E' })
    const ann = await e2e.browser.newPerson()
    const found: string[] = []
    await ann.goto(server.url)
    await ann.getByTestId('join-name').waitFor()
    found.push(...(await problems(ann, 'join screen')))

    await joinAs(ann, server.url, 'Ann')
    const bob = await e2e.browser.newPerson()
    await joinAs(bob, server.url, 'Bob')
    await say(ann, '@Bob hello **world** with `code`')
    await ann.getByTestId('message-mention').waitFor()
    await say(bob, '/poll Lunch? | Pizza | Sushi')
    await ann.getByTestId('message-poll').waitFor()
    await say(bob, 'more in #general today')
    await ann.getByTestId('message-room-link').waitFor()
    // Cy, whom Ann ignores (below): his message folds to a line.
    const { client: cy } = await joinClient(server.url, 'Cy')
    await request(cy, 'message:send', { roomId: 'general', text: 'buy my mixtape' })
    cy.close()
    // Dee: a DM with Ann (its face and ✕ in her list) and a sound file (its ▶ Play).
    const { client: dee } = await joinClient(server.url, 'Dee')
    await request(dee, 'dm:open', { name: 'Ann' })
    const wav = Buffer.alloc(44 + 200)
    wav.write('RIFF', 0)
    wav.write('WAVEfmt ', 8)
    const fileId = await uploadFile(dee, wav, { name: 'note.wav', type: 'audio/wav' })
    await request(dee, 'message:send', { roomId: 'general', text: 'a voice note', fileId })
    dee.close()
    await ann.getByTestId('message-media-play').waitFor()
    await ann.getByTestId('dm-hide').waitFor({ state: 'attached' })
    const first = ann.getByTestId('message').first()
    await first.hover()
    await first.getByTestId('message-pin').click()
    await first.getByTestId('message-save').click()
    await first.getByTestId('message-saved').waitFor()
    // #general among the favourites, and a reminder of the saved message due (set from another
    // tab of Ann's browser, for now): the sidebar's Favourites and the reminder bar are in every run.
    await ann.getByTestId('room-favourite').click()
    await ann.locator('[data-testid=favourites] [data-testid=room-item]').waitFor()
    const device = (await ann.evaluate("localStorage.getItem('parley:device')")) as string
    const tab = connectClient(server.url)
    try {
      const joined = await request(tab, 'session:join', { name: 'Ann', token: newToken(), device })
      if (!('data' in joined)) throw new Error(joined.message)
      const id = Number(await first.getAttribute('data-message-id'))
      expect(await request(tab, 'message:remind', { id, at: Date.now() })).toHaveProperty('data')
      // A reply to it, so it has a thread.
      const answer = await request(tab, 'message:send', { roomId: 'general', text: 'and a thread', replyTo: id })
      expect(answer).toHaveProperty('data')
      // Two messages scheduled: one waiting in #general, one that could not go (its private room left).
      const at = Date.now() + 60 * 60 * 1000
      expect(await request(tab, 'message:schedule', { roomId: 'general', text: 'later on', at })).toHaveProperty('data')
      const plans = await request(tab, 'room:create', { name: 'plans', private: true })
      if (!('data' in plans)) throw new Error(plans.message)
      const roomId = plans.data.id
      const never = await request(tab, 'message:schedule', { roomId, text: 'never sent', at })
      if (!('data' in never)) throw new Error(never.message)
      await request(tab, 'room:leave', { roomId })
      expect(await request(tab, 'person:ignore', { name: 'Cy', ignored: true })).toHaveProperty('data')
      // Sent now, after leaving: refused, and kept with why.
      expect(await request(tab, 'scheduled:send', { id: never.data.id })).toMatchObject({ error: 'ROOM_NOT_FOUND' })
    } finally {
      tab.close()
    }
    await expectPage(ann.getByTestId('scheduled-open')).toHaveText('Scheduled messages (2, 1 not sent)')
    await ann.getByTestId('reminder-due').waitFor()
    await ann.getByTestId('message-ignored').waitFor()
    found.push(...(await problems(ann, 'chat')))

    await ann.getByTestId('message-author').filter({ hasText: 'Bob' }).first().click()
    await ann.getByTestId('person-card').waitFor()
    found.push(...(await problems(ann, 'person card')))
    await ann.keyboard.press('Escape')
    // One's own, with its picture's controls.
    await ann.getByTestId('message-author').filter({ hasText: 'Ann' }).first().click()
    await ann.getByTestId('person-card-picture').waitFor()
    found.push(...(await problems(ann, 'own card')))
    await ann.keyboard.press('Escape')

    await first.hover()
    await first.getByTestId('message-react').click()
    found.push(...(await problems(ann, 'reaction picker')))
    await ann.keyboard.press('Escape')
    await ann.getByTestId('emoji-open').click()
    found.push(...(await problems(ann, 'emoji picker')))
    await ann.keyboard.press('Escape')
    await ann.getByTestId('composer-input').fill('see you at ten')
    await ann.getByTestId('composer-schedule').click()
    await ann.getByTestId('schedule-menu').waitFor()
    found.push(...(await problems(ann, 'send later')))
    await ann.keyboard.press('Escape')
    await expectPage(ann.getByTestId('schedule-menu')).toHaveCount(0)

    for (const [open, name] of [
      ['inspector-open', 'connection inspector'],
      ['network-open', 'network panel'],
      ['pins-open', 'pinned messages'],
      ['saved-open', 'saved messages'],
      ['scheduled-open', 'scheduled messages'],
      ['ignored-open', 'ignored people'],
      ['invite-open', 'invite panel'],
      ['shortcuts-open', 'keyboard shortcuts'],
    ] as const) {
      await ann.getByTestId(open).click()
      await ann.getByTestId('panel').waitFor()
      found.push(...(await problems(ann, name)))
    }
    await ann.getByTestId('message-replies').first().click()
    await ann.getByTestId('thread-reply').first().waitFor()
    found.push(...(await problems(ann, 'thread')))
    await ann.keyboard.press('Control+g')
    await ann.getByTestId('switcher-input').fill('gen')
    await ann.getByTestId('switcher-option').first().waitFor()
    found.push(...(await problems(ann, 'go to a room')))
    await ann.keyboard.press('Escape')
    await first.hover()
    await first.getByTestId('message-forward').click()
    await ann.getByTestId('forward-option').first().waitFor()
    found.push(...(await problems(ann, 'forward a message')))
    await ann.keyboard.press('Escape')
    await expectPage(ann.getByTestId('forward')).toHaveCount(0)
    await ann.getByTestId('search-open').click()
    await ann.getByTestId('search-input').fill('hello')
    await ann.getByTestId('search-result').first().waitFor()
    found.push(...(await problems(ann, 'search results')))

    await ann.emulateMedia({ colorScheme: 'dark' })
    found.push(...(await problems(ann, 'dark')))

    // Bob in another room, with words left unsent in #general, while Ann calls him there: its row
    // has the draft's mark and a mention beside its count.
    await bob.getByTestId('composer-input').fill('half a thought')
    await bob.getByTestId('room-create').click()
    await bob.getByTestId('room-create-name').fill('lab')
    await bob.getByTestId('room-create-name').press('Enter')
    await expectPage(bob.locator('[data-testid=room-item][data-room=lab]')).toHaveClass(/room--active/)
    await say(ann, '@Bob are you there?')
    const general = bob.locator('[data-testid=room-item][data-room=general]')
    await expectPage(general.getByTestId('room-mentions')).toHaveText('@1 mentions you')
    await expectPage(general.getByTestId('room-unread')).toHaveText('1')
    await expectPage(general.getByTestId('room-draft')).toHaveCount(1)
    await bob.setViewportSize({ width: 400, height: 700 })
    found.push(...(await problems(bob, 'phone')))
    await bob.getByTestId('sidebar-toggle').click()
    found.push(...(await problems(bob, 'phone, drawer open')))
    await bob.emulateMedia({ colorScheme: 'dark' })
    found.push(...(await problems(bob, 'phone, drawer open, dark')))

    expect(found).toEqual([])
  })

  it('finds nothing wrong in what moderators and the people they moderate see', async () => {
    const server = await e2e.server({ name: 'E2E', moderatorPassword: 'keys to the lab' })
    const mia = await e2e.browser.newPerson()
    const bob = await e2e.browser.newPerson()
    const found: string[] = []
    await joinAsModerator(mia, server.url, 'Mia', false)
    found.push(...(await problems(mia, 'join screen, moderating')))
    await mia.getByTestId('join-submit').click()
    await mia.getByTestId('composer-input').waitFor()
    await joinAs(bob, server.url, 'Bob')

    const bobRow = mia.getByTestId('member').and(mia.locator('[data-name="Bob"]'))
    await bobRow.hover()
    await bobRow.getByTestId('member-remove').click()
    found.push(...(await problems(mia, 'removing someone')))
    await mia.keyboard.press('Escape')
    await mia.getByTestId('room-create').click()
    await mia.getByTestId('room-create-name').fill('news')
    await mia.getByTestId('room-create-name').press('Enter')
    await mia.getByTestId('room-posting').click()
    await mia.getByTestId('room-slow-mode').selectOption({ label: 'One message every 1 minute' })
    found.push(...(await problems(mia, 'a moderated room')))
    await mia.getByTestId('room-remove').click()
    found.push(...(await problems(mia, 'removing a room')))
    await mia.keyboard.press('Escape')
    await bob.locator('[data-testid=room-item][data-room=news]').click()
    await bob.getByTestId('composer-locked').waitFor()
    found.push(...(await problems(bob, 'a room where only moderators post')))
    await mia.getByTestId('room-posting').click()
    await bob.getByTestId('slow-mode-note').waitFor()
    await say(bob, 'one')
    await bob.getByTestId('slow-mode-wait').waitFor()
    found.push(...(await problems(bob, 'a room in slow mode')))
    await mia.getByTestId('room-remove').click()
    await mia.getByTestId('room-remove-confirm').click()
    await bob.getByTestId('room-gone').waitFor()
    found.push(...(await problems(bob, 'told a room was removed')))
    await mia.getByTestId('removed-room').waitFor()
    found.push(...(await problems(mia, 'rooms removed, to bring back')))

    expect(found).toEqual([])
  })
})
