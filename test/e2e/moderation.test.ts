import type { Page } from 'playwright-core'
import { describe, it } from 'vitest'
import { joinAs, joinAsModerator, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

describe('moderation in Chromium', () => {
  const e2e = useE2e()

  /** A server with moderators, Mia in as one, then each of `others` in a browser of their own. */
  async function miaModerating(...others: string[]): Promise<{ mia: Page; people: Page[] }> {
    // Lab mode too: someone may go offline through the Network panel.
    const server = await e2e.server({ name: 'E2E', moderatorPassword: 'keys to the lab', lab: true })
    const mia = await e2e.browser.newPerson()
    await joinAsModerator(mia, server.url, 'Mia')
    const people: Page[] = []
    for (const name of others) {
      const page = await e2e.browser.newPerson()
      await joinAs(page, server.url, name)
      people.push(page)
    }
    return { mia, people }
  }

  it('lets a moderator remove someone for a while, telling them why, and let them back in', async () => {
    const { mia, people } = await miaModerating('Bob', 'Cy')
    const [bob, cy] = people as [Page, Page]
    // Only a moderator sees the control, and never beside their own name.
    await expectPage(mia.getByTestId('member-remove')).toHaveCount(2)
    await expectPage(cy.getByTestId('member-remove')).toHaveCount(0)
    // Everyone sees who moderates.
    await expectPage(cy.getByTestId('member-moderator')).toHaveCount(1)
    await expectPage(cy.locator('[data-testid=member][data-name=Mia] [data-testid=member-moderator]')).toHaveCount(1)

    const bobRow = mia.getByTestId('member').and(mia.locator('[data-name="Bob"]'))
    await bobRow.hover()
    await bobRow.getByTestId('member-remove').click()
    // Esc changes its mind; nothing happens.
    await mia.keyboard.press('Escape')
    await expectPage(bobRow.getByTestId('member-remove-panel')).toHaveCount(0)
    await bobRow.hover()
    await bobRow.getByTestId('member-remove').click()
    await bobRow.getByTestId('member-remove-duration').selectOption({ label: '1 hour' })
    await bobRow.getByTestId('member-remove-confirm').click()

    await expectPage(bob.getByTestId('join-error')).toHaveText(
      'A moderator (Mia) removed you from this server for 1 hour.',
    )
    await expectPage(cy.getByTestId('member')).toHaveCount(2)
    await expectPage(mia.getByTestId('removed-person')).toHaveCount(1)
    await expectPage(mia.getByTestId('removed-person')).toHaveAttribute('data-name', 'Bob')
    await expectPage(mia.getByTestId('removed-person').locator('.member__status')).toHaveText(/^until /)

    // Coming back under another name from the same browser is refused too.
    await bob.getByTestId('join-name').fill('Robert')
    await bob.getByTestId('join-submit').click()
    await expectPage(bob.getByTestId('join-error')).toHaveText(
      /^A moderator \(Mia\) removed you from this server\. You can join again in (59|60) minutes\.$/,
    )

    await mia.getByTestId('removed-lift').click()
    await expectPage(mia.getByTestId('removed-list')).toHaveCount(0)
    await bob.getByTestId('join-name').fill('Bob')
    await bob.getByTestId('join-submit').click()
    await bob.getByTestId('composer-input').waitFor()
    await expectPage(cy.getByTestId('member')).toHaveCount(3)
  })

  it('lets a moderator delete anyone’s message in a room, for everyone, saying who did', async () => {
    const { mia, people } = await miaModerating('Bob')
    const [bob] = people as [Page]
    await say(bob, 'something rude')
    await say(bob, 'something fine')
    const rude = mia.getByTestId('message').filter({ hasText: 'something rude' })
    await expectPage(rude).toHaveAttribute('data-state', 'sent')
    // Bob may delete only his own; Mia may delete his, and survives a reload as a moderator.
    await expectPage(bob.getByTestId('message-delete')).toHaveCount(2)
    await mia.reload()
    await rude.hover()
    await rude.getByTestId('message-delete').click()
    await rude.getByTestId('message-delete-confirm').click()
    const note = 'Message deleted by a moderator (Mia)'
    await expectPage(bob.getByTestId('message-text')).toHaveText([note, 'something fine'])
    await expectPage(mia.getByTestId('message-text')).toHaveText([note, 'something fine'])
  })

  it('lets a moderator make a room one where only moderators post, live for everyone, and open it again', async () => {
    const { mia, people } = await miaModerating('Bob')
    const [bob] = people as [Page]
    await mia.getByTestId('room-create').click()
    await mia.getByTestId('room-create-name').fill('news')
    await mia.getByTestId('room-create-name').press('Enter')
    const bobsNews = bob.locator('[data-testid=room-item][data-room=news]')
    await bobsNews.click()
    await say(bob, 'first!')
    // Only moderators get the switch; in #general nothing changes.
    await expectPage(bob.getByTestId('room-posting')).toHaveCount(0)
    await expectPage(mia.getByTestId('room-announcements')).toHaveCount(0)

    await mia.getByTestId('room-posting').click()
    await expectPage(mia.getByTestId('room-posting')).toHaveAttribute('aria-pressed', 'true')
    // Bob, in the room, loses the composer and the replies, live; the room is marked in everyone's list.
    await expectPage(bob.getByTestId('composer-locked')).toHaveText(
      /^\s*📢 Only moderators post in #news\. You can still react and vote\.\s*$/,
    )
    await expectPage(bob.getByTestId('composer-input')).toHaveCount(0)
    await expectPage(bob.getByTestId('message-reply')).toHaveCount(0)
    await expectPage(bob.getByTestId('message-pin')).toHaveCount(0)
    await expectPage(bob.getByTestId('room-topic-edit')).toHaveCount(0)
    await expectPage(bobsNews).toHaveAttribute('data-announcements', 'true')
    await expectPage(bobsNews.getByTestId('room-announcements')).toHaveCount(1)

    // The moderator posts; Bob reads it and reacts.
    await say(mia, 'Doors open at nine')
    const notice = bob.getByTestId('message').filter({ hasText: 'Doors open at nine' })
    await notice.hover()
    await notice.getByTestId('message-react').click()
    await bob.getByTestId('reaction-option').first().click()
    await expectPage(mia.getByTestId('message-reaction')).toHaveCount(1)
    // Bob's #general is untouched.
    await bob.locator('[data-testid=room-item][data-room=general]').click()
    await say(bob, 'still chatting here')

    // Opened again: Bob writes in #news once more.
    await mia.getByTestId('room-posting').click()
    await expectPage(mia.getByTestId('room-posting')).toHaveAttribute('aria-pressed', 'false')
    await bobsNews.click()
    await expectPage(bob.getByTestId('composer-locked')).toHaveCount(0)
    await expectPage(bobsNews).toHaveAttribute('data-announcements', 'false')
    await say(bob, 'thanks!')
    await expectPage(mia.getByTestId('message-text')).toHaveText(['first!', 'Doors open at nine', 'thanks!'])
  })

  it('lets a moderator put a room in slow mode: after a message, sending waits, counted down, until it is over', async () => {
    const { mia, people } = await miaModerating('Bob')
    const [bob] = people as [Page]
    await expectPage(bob.getByTestId('room-slow-mode')).toHaveCount(0)
    await mia.getByTestId('room-slow-mode').selectOption({ label: 'One message every 1 minute' })
    await expectPage(bob.getByTestId('slow-mode-note')).toHaveText(
      /^\s*🐢 Slow mode: everyone may send one message every 1 minute\s*$/,
    )
    // Moderators are not held back, and see no note.
    await expectPage(mia.getByTestId('slow-mode-note')).toHaveCount(0)

    await say(bob, 'one')
    await expectPage(bob.getByTestId('slow-mode-wait')).toHaveText(/^\. You can send again in (5\d|60) s$/)
    await expectPage(bob.getByTestId('composer-send')).toHaveAttribute('disabled', '')
    await say(bob, 'two')
    // Held back, not lost: the text waits in the composer.
    await expectPage(bob.getByTestId('composer-input')).toHaveValue('two')
    await say(mia, 'noted')
    await say(mia, 'and again')
    // A reload, or another device of Bob's, knows the wait from his last message.
    await bob.reload()
    await expectPage(bob.getByTestId('slow-mode-wait')).toHaveText(/^\. You can send again in ([1-5]\d|60) s$/)
    await bob.getByTestId('composer-input').fill('two')

    // Over: Bob sends at once.
    await mia.getByTestId('room-slow-mode').selectOption({ label: 'Off' })
    await expectPage(bob.getByTestId('slow-mode-note')).toHaveCount(0)
    await bob.getByTestId('composer-input').press('Enter')
    await expectPage(mia.getByTestId('message-text')).toHaveText(['one', 'noted', 'and again', 'two'])
  })

  it('lets a moderator remove a room, asked once more, gone at once for everyone in it or not', async () => {
    const { mia, people } = await miaModerating('Bob', 'Cy', 'Di')
    const [bob, cy, di] = people as [Page, Page, Page]
    await bob.getByTestId('room-create').click()
    await bob.getByTestId('room-create-name').fill('spam')
    await bob.getByTestId('room-create-name').press('Enter')
    await say(bob, 'buy cheap watches')
    const spamFor = (page: Page) => page.locator('[data-testid=room-item][data-room=spam]')
    await expectPage(spamFor(cy)).toHaveCount(1)
    // Di is in it too, but offline, with a message waiting to go.
    await spamFor(di).click()
    await expectPage(di.getByTestId('message-text')).toHaveText(['buy cheap watches'])
    await di.getByTestId('network-open').click()
    await di.locator('[data-testid=network-profile][data-profile=offline]').click()
    await expectPage(di.getByTestId('connection-status')).toHaveText('reconnecting')
    await say(di, 'how much?')
    // Only moderators, and never for #general.
    await expectPage(bob.getByTestId('room-remove')).toHaveCount(0)
    await expectPage(mia.getByTestId('room-remove')).toHaveCount(0)

    await spamFor(mia).click()
    await mia.getByTestId('room-remove').click()
    // Esc changes nothing.
    await mia.keyboard.press('Escape')
    await expectPage(mia.getByTestId('room-remove-confirm')).toHaveCount(0)
    await expectPage(spamFor(bob)).toHaveCount(1)
    // Bob was writing more there.
    await bob.getByTestId('composer-input').fill('and a clock')
    await mia.getByTestId('room-remove').click()
    await mia.getByTestId('room-remove-confirm').click()

    for (const page of [mia, bob, cy]) await expectPage(spamFor(page)).toHaveCount(0)
    // Bob was in it: he is back in #general, told why. Cy was not: nothing to tell her.
    await expectPage(bob.getByTestId('room-title')).toHaveText('#general')
    await expectPage(bob.getByTestId('room-gone')).toHaveText(
      /^Mia, a moderator, removed #spam\.Not sent, as its room is gone:/,
    )
    await expectPage(bob.locator('[data-testid=room-gone-unsent] q')).toHaveText(['and a clock'])
    await expectPage(bob.getByTestId('composer-input')).toHaveValue('')
    await expectPage(mia.getByTestId('room-title')).toHaveText('#general')
    // Nor Mia, who did it.
    for (const page of [cy, mia]) await expectPage(page.getByTestId('room-gone')).toHaveCount(0)
    // Let go: not shown again after a reload either.
    await bob.getByTestId('room-gone-dismiss').click()
    await expectPage(bob.getByTestId('room-gone')).toHaveCount(0)
    await bob.reload()
    await bob.getByTestId('composer-input').waitFor()
    await expectPage(bob.getByTestId('room-item')).toHaveCount(1)
    await expectPage(bob.getByTestId('room-gone')).toHaveCount(0)

    // Di, still offline, reloads (and so gets a clean link): her message to #spam could not go. She writes it in #general.
    await di.reload()
    await di.getByTestId('composer-input').waitFor()
    await expectPage(spamFor(di)).toHaveCount(0)
    await expectPage(di.locator('[data-testid=room-gone-unsent] q')).toHaveText(['how much?'])
    await expectPage(di.getByTestId('room-gone')).toHaveText(/^Not sent, as its room is gone:/)
    await di.getByTestId('room-gone-write').click()
    await expectPage(di.getByTestId('room-gone')).toHaveCount(0)
    await expectPage(di.getByTestId('composer-input')).toHaveValue('how much?')
    await di.getByTestId('composer-input').press('Enter')
    await expectPage(cy.getByTestId('message-text')).toHaveText(['how much?'])
  })

  it('lets a moderator bring a removed room back, with its history, everyone who was in it back in it', async () => {
    const { mia, people } = await miaModerating('Bob')
    const [bob] = people as [Page]
    await bob.getByTestId('room-create').click()
    await bob.getByTestId('room-create-name').fill('plans')
    await bob.getByTestId('room-create-name').press('Enter')
    await say(bob, 'the plan stays')
    const plansFor = (page: Page) => page.locator('[data-testid=room-item][data-room=plans]')
    await plansFor(mia).click()
    await mia.getByTestId('room-remove').click()
    await mia.getByTestId('room-remove-confirm').click()
    await expectPage(bob.getByTestId('room-gone')).toHaveText(/^Mia, a moderator, removed #plans\./)
    await expectPage(bob.getByTestId('removed-rooms')).toHaveCount(0)

    // Only moderators see what may come back, and who removed it.
    const removed = mia.locator('[data-testid=removed-room][data-room=plans]')
    await expectPage(removed).toHaveText(/^#plans\s*by Mia, .+Bring back$/)
    await removed.getByTestId('removed-room-restore').click()
    await expectPage(mia.getByTestId('removed-rooms')).toHaveCount(0)

    // Bob has it again, joined as before, its history with it, and the notice goes.
    await expectPage(bob.locator('[data-testid=room-leave][aria-label="Leave #plans"]')).toHaveCount(1)
    await expectPage(bob.getByTestId('room-gone')).toHaveCount(0)
    await plansFor(bob).click()
    await expectPage(bob.getByTestId('message-text')).toHaveText(['the plan stays'])
    await say(bob, 'back again')
    await plansFor(mia).click()
    await expectPage(mia.getByTestId('message-text')).toHaveText(['the plan stays', 'back again'])
  })
})
