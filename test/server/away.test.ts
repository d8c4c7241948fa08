import { describe, expect, it } from 'vitest'
import type { JoinResult } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { connectClient, newToken, waitForEvent, type TestClient } from '../helpers/server'

describe('away', () => {
  const t = useServerFixture()

  /** A tab of the device `device` joining as `name`. */
  async function tab(
    name: string,
    device: string,
    away?: boolean,
  ): Promise<{ client: TestClient; joined: JoinResult }> {
    const client = connectClient(t.server.url)
    const joined = await request(client, 'session:join', { name, token: newToken(), device, away })
    if (!('data' in joined)) throw new Error(joined.message)
    return { client, joined: joined.data }
  }

  it('tells everyone when someone is away and back, and lists them away to those who join meanwhile', async () => {
    await t.start()
    const bob = await t.join('Bob')
    const ann = await t.join('Ann')
    // Ann's upgrade to WebSocket may be news too: waited for is the change.
    const away = waitForEvent(bob, 'presence:updated', (member) => member.name === 'Ann' && member.away === true)
    expect(await request(ann, 'presence:set', { away: true })).toEqual({ data: null })
    expect((await away)[0]).toEqual({ name: 'Ann', transport: expect.any(String), away: true })

    const cy = await tab('Cy', newToken())
    expect(cy.joined.members.find((member) => member.name === 'Ann')).toMatchObject({ away: true })
    cy.client.disconnect()

    const back = waitForEvent(bob, 'presence:updated', (member) => member.name === 'Ann' && member.away !== true)
    expect(await request(ann, 'presence:set', { away: false })).toEqual({ data: null })
    expect((await back)[0]).toEqual({ name: 'Ann', transport: expect.any(String) })
    expect(await request(ann, 'presence:set', { away: 'yes' } as never)).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })

  it('joins away, and shows a person on two connections away only while both are', async () => {
    await t.start()
    const bob = await t.join('Bob')
    const joined = waitForEvent(bob, 'presence:joined', (member) => member.name === 'Ann')
    const laptop = newToken()
    const first = await tab('Ann', laptop, true)
    expect((await joined)[0]).toMatchObject({ name: 'Ann', away: true })

    // A second tab, in use: Ann is back. Idle there too: away again. The busy one closes: still away.
    const back = waitForEvent(bob, 'presence:updated', (member) => member.name === 'Ann' && member.away !== true)
    const second = await tab('Ann', laptop)
    await back
    const awayAgain = waitForEvent(bob, 'presence:updated', (member) => member.name === 'Ann' && member.away === true)
    await request(second.client, 'presence:set', { away: true })
    await awayAgain
    await request(first.client, 'presence:set', { away: false })
    const stayed = waitForEvent(bob, 'presence:updated', (member) => member.name === 'Ann' && member.away === true)
    first.client.disconnect()
    await stayed
    second.client.disconnect()
  })
})
