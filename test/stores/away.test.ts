import { describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { joinAs } from '../helpers/server'
import { useAppFixture, type AppStores } from './app-fixture'

describe('away, in the app', () => {
  const t = useServerFixture()
  const apps = useAppFixture()
  const awayIn = (app: AppStores, name: string) => () =>
    app.presence.members.find((member) => member.name === name)?.away === true

  it('shows others when one is idle or set away by hand, and back', async () => {
    await t.start()
    const ann = await apps.join(t.server.url, 'Ann')
    const bob = await apps.join(t.server.url, 'Bob')

    ann.presence.setIdle(true)
    await expect.poll(awayIn(bob, 'Ann')).toBe(true)
    // Set away by hand, then input: still away. Cleared: back.
    ann.presence.setAwayByHand(true)
    ann.presence.setIdle(false)
    expect(ann.presence.away).toBe(true)
    ann.presence.setAwayByHand(false)
    await expect.poll(awayIn(bob, 'Ann')).toBe(false)
    // One's own entry in one's own list follows too.
    ann.presence.setAwayByHand(true)
    await expect.poll(awayIn(ann, 'Ann')).toBe(true)
    await expect.poll(awayIn(bob, 'Ann')).toBe(true)
  })

  it('tells the server of a change made while the connection was down, recovered or not', async () => {
    await t.start()
    const ann = await apps.join(t.server.url, 'Ann')
    const bob = await apps.join(t.server.url, 'Bob')

    // A cut the connection recovers from: the server kept Ann as she was, so the change is sent on recovery.
    const socket = [...t.server.io.of('/').sockets.values()].find((candidate) => candidate.data.name === 'Ann')!
    socket.conn.close()
    await expect.poll(() => ann.connection.status).not.toBe('connected')
    ann.presence.setAwayByHand(true)
    await expect.poll(() => ann.connection.recovered, { timeout: 15_000 }).toBe(true)
    await expect.poll(awayIn(bob, 'Ann')).toBe(true)

    // A restart: the rejoin says so, so nobody joining after it sees Ann but away.
    const port = t.server.port
    await t.stop()
    await expect.poll(() => ann.connection.status, { timeout: 10_000 }).toBe('reconnecting')
    await t.start({ port })
    await expect
      .poll(() => ann.connection.status === 'connected' && !ann.session.rejoining(), { timeout: 20_000 })
      .toBe(true)
    const { client, joined } = await joinAs(t.server.url, 'Cy')
    expect(joined.members.find((member) => member.name === 'Ann')).toMatchObject({ away: true })
    client.disconnect()
  })
})
