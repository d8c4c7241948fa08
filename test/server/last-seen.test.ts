import { describe, expect, it } from 'vitest'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { waitForEvent } from '../helpers/server'

describe('last seen', () => {
  const t = useServerFixture()

  it('says when someone was last online, from joining and from leaving, across a restart', async () => {
    await t.start()
    const ann = await t.join('Ann')
    const beforeJoin = Date.now()
    const bob = await t.join('Bob')
    const joined = await request(ann, 'presence:seen', { name: 'bob' })
    if (!('data' in joined)) throw new Error(joined.message)
    expect(joined.data.at).toBeGreaterThanOrEqual(beforeJoin)

    const beforeLeaving = Date.now()
    const gone = waitForEvent(ann, 'presence:left', (member) => member.name === 'Bob')
    bob.disconnect()
    await gone
    const left = await request(ann, 'presence:seen', { name: 'BOB' })
    if (!('data' in left)) throw new Error(left.message)
    expect(left.data.at).toBeGreaterThanOrEqual(beforeLeaving)
    expect(left.data.at).toBeLessThanOrEqual(Date.now())
    expect(await request(ann, 'presence:seen', { name: 'Nobody' })).toEqual({ data: { at: null } })

    await t.stop()
    await t.start()
    const annAgain = await t.join('Ann')
    expect(await request(annAgain, 'presence:seen', { name: 'Bob' })).toEqual({ data: { at: left.data.at } })
    expect(await request(annAgain, 'presence:seen', { name: '' })).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })
})
