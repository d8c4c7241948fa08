import { describe, it } from 'vitest'
import { annAndBob, say } from '../helpers'
import { expect as expectPage } from '../page-expect'
import { useE2e } from '../suite'

describe('shot', () => {
  const e2e = useE2e()
  it('shoots', async () => {
    const server = await e2e.server({ name: 'Office' })
    const { ann, bob } = await annAndBob(e2e.browser, server.url)
    await ann.setViewportSize({ width: 1000, height: 600 })
    await ann.locator('[data-testid=member][data-name=Bob] button').click()
    await say(ann, 'are you in today?')
    await say(ann, 'the lab, I mean')
    await bob.locator('[data-testid=room-item][data-room^="dm:"]').click()
    await say(bob, 'yes, from 10')
    await say(ann, 'great')
    await expectPage(ann.getByTestId('message-seen')).toHaveCount(1)
    await ann.screenshot({ path: '/tmp/shot1.png' })
    await ann.emulateMedia({ colorScheme: 'dark' })
    await ann.screenshot({ path: '/tmp/shot2.png' })
  }, 60_000)
})
