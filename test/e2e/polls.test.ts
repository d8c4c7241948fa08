import { describe, it } from 'vitest'
import { annAndBob, say } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

describe('polls in Chromium', () => {
  const e2e = useE2e()

  it('asks with /poll, takes one vote per person live for everyone, moved or taken back, until its author closes it', async () => {
    const lan = await e2e.server({ name: 'E2E' })
    const { ann, bob } = await annAndBob(e2e.browser, lan.url)
    const composer = ann.getByTestId('composer-input')

    // Not a poll: said why, and what was typed stays.
    await say(ann, '/poll Lunch where? | Pizza')
    await expectPage(ann.locator('.composer__error')).toHaveText(
      'Ask a question and give at least two options: /poll Lunch where? | Pizza | Sushi',
    )
    await expectPage(composer).toHaveValue('/poll Lunch where? | Pizza')
    await say(ann, '/poll Lunch where? | Pizza | pizza')
    await expectPage(ann.locator('.composer__error')).toHaveText('A poll’s options must all be different')

    await say(ann, '/poll Lunch where? | Pizza | Sushi | Tacos')
    await expectPage(composer).toHaveValue('')
    for (const page of [ann, bob]) {
      await expectPage(page.getByTestId('message-text')).toHaveText(['Lunch where?'])
      await expectPage(page.getByTestId('poll-option')).toHaveCount(3)
      await expectPage(page.getByTestId('poll-total')).toHaveText('0 votes')
    }
    const counts = (page: typeof ann) => expectPage(page.getByTestId('poll-count'))

    await bob.getByTestId('poll-option').nth(1).click()
    await counts(ann).toHaveText(['0', '1', '0'])
    await expectPage(ann.getByTestId('poll-option').nth(1)).toHaveAttribute('title', 'Bob')
    await expectPage(bob.getByTestId('poll-option').nth(1)).toHaveAttribute('data-voted', 'true')
    await expectPage(ann.getByTestId('poll-option').nth(1)).toHaveAttribute('data-voted', 'false')

    // Ann votes, moves her vote, then takes it back with a click on her own.
    await ann.getByTestId('poll-option').nth(1).click()
    await counts(bob).toHaveText(['0', '2', '0'])
    await expectPage(bob.getByTestId('poll-total')).toHaveText('2 votes')
    await ann.getByTestId('poll-option').nth(0).click()
    await counts(bob).toHaveText(['1', '1', '0'])
    await expectPage(ann.getByTestId('poll-option').nth(0)).toHaveAttribute('aria-pressed', 'true')
    await ann.getByTestId('poll-option').nth(0).click()
    await counts(bob).toHaveText(['0', '1', '0'])

    // After a reload the votes are there, and whose.
    await ann.reload()
    await counts(ann).toHaveText(['0', '1', '0'])
    await expectPage(bob.getByTestId('poll-option').nth(1)).toHaveAttribute('data-voted', 'true')

    // Only its author may close it; closed, the votes stand and nobody can vote.
    await expectPage(bob.getByTestId('poll-close')).toHaveCount(0)
    await ann.getByTestId('poll-close').click()
    for (const page of [ann, bob]) {
      await expectPage(page.getByTestId('poll-closed')).toHaveCount(1)
      await expectPage(page.getByTestId('poll-option').nth(0)).toHaveAttribute('disabled', '')
    }
    await expectPage(ann.getByTestId('poll-close')).toHaveCount(0)
    await counts(bob).toHaveText(['0', '1', '0'])
  })
})
