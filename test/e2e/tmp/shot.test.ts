import { describe, it } from 'vitest'
import { joinAs, say } from '../helpers'
import { useE2e } from '../suite'

describe('shots', () => {
  const e2e = useE2e()
  it('takes shots', async () => {
    const server = await e2e.server({ name: 'Lab LAN' })
    const ann = await e2e.browser.newPerson()
    const bob = await e2e.browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    await joinAs(bob, server.url, 'Bob')
    await say(ann, 'Morning all! The **build** is green again 🎉')
    await say(bob, 'Nice. Did `npm ci` still take a minute?')
    await say(ann, 'About that, better-sqlite3 compiles from source here.\nSecond line of the same message.')
    await say(bob, '@Ann can you check the lab link at http://192.168.1.20:3000/ ?')
    await new Promise((r) => setTimeout(r, 1500))
    await ann.screenshot({ path: '/tmp/shot-ann.png' })
    await bob.setViewportSize({ width: 420, height: 760 })
    await new Promise((r) => setTimeout(r, 500))
    await bob.screenshot({ path: '/tmp/shot-bob-narrow.png' })
    await ann.goto(server.url.replace('127.0.0.1', 'localhost'))
    await new Promise((r) => setTimeout(r, 1000))
    await ann.screenshot({ path: '/tmp/shot-join.png' })
  })
})
