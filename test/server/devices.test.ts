import { afterEach, describe, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import { LIMITS, LINK_CODE_ALPHABET, type HealthReport, type JoinResult, type Member } from '../../protocol'
import { createDeviceLinks } from '../../server/session/device-links'
import { openDatabase } from '../../server/storage/database'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { connectClient, makeDataDir, newToken, waitForEvent, type TestClient } from '../helpers/server'

describe('one person on several devices', () => {
  const t = useServerFixture()
  const devices: TestClient[] = []
  afterEach(() => devices.splice(0).forEach((client) => client.disconnect()))

  /**
   * A tab joining as `name` with its own session token, on a device of its
   * own unless `on` names one; the join's answer.
   */
  async function device(name: string, token: string, linkCode?: string, on?: string) {
    const client = connectClient(t.server.url)
    devices.push(client)
    const request_ = { name, token, ...(linkCode && { linkCode }), ...(on && { device: on }) }
    const joined = await request(client, 'session:join', request_)
    return { client, joined }
  }
  async function joinedDevice(name: string, token: string, linkCode?: string, on?: string): Promise<TestClient> {
    const { client, joined } = await device(name, token, linkCode, on)
    if (!('data' in joined)) throw new Error(joined.message)
    return client
  }
  async function codeFrom(client: TestClient): Promise<string> {
    const made = await request(client, 'session:link', {})
    if (!('data' in made)) throw new Error(made.message)
    return made.data.code
  }
  const health = async () => (await (await fetch(`${t.server.url}/healthz`)).json()) as HealthReport

  it('adds a device with a code from the first: one person online on both, who leaves with the last', async () => {
    await t.start()
    const bob = await t.join('Bob')
    const laptop = await joinedDevice('Ann', newToken())
    const made = await request(laptop, 'session:link', {})
    if (!('data' in made)) throw new Error(made.message)
    expect(made.data.code).toMatch(new RegExp(`^[${LINK_CODE_ALPHABET}]{8}$`))
    expect(made.data.expiresAt).toBeGreaterThan(Date.now() + LIMITS.linkCodeTtlMs - 60_000)

    const phoneToken = newToken()
    const refused = await device('ann', phoneToken)
    expect(refused.joined).toMatchObject({ error: 'NAME_TAKEN' })
    // Typed as people type it: lower case, with the dash.
    const typed = `${made.data.code.slice(0, 4)}-${made.data.code.slice(4)}`.toLowerCase()
    const { client: phone, joined } = await device('ann', phoneToken, typed)
    expect(joined).toMatchObject({ data: { name: 'Ann' } })
    expect((joined as { data: JoinResult }).data.members.map((member) => member.name)).toEqual(['Ann', 'Bob'])
    expect((await health()).members).toBe(2)

    // A message reaches both devices, and one sent from either reaches the other.
    const onLaptop = waitForEvent(laptop, 'message:created', (message) => message.text === 'hi Ann')
    const onPhone = waitForEvent(phone, 'message:created', (message) => message.text === 'hi Ann')
    await t.send(bob, 'hi Ann')
    await Promise.all([onLaptop, onPhone])
    const echoed = waitForEvent(laptop, 'message:created', (message) => message.text === 'from my phone')
    expect(await t.send(phone, 'from my phone')).toMatchObject({ author: 'Ann' })
    await echoed

    // The code worked once.
    expect((await device('Ann', newToken(), made.data.code)).joined).toMatchObject({ error: 'FORBIDDEN' })

    // The laptop goes: Ann is still online, on the phone. Then the phone goes too.
    const stillOn = waitForEvent(bob, 'presence:updated', (member) => member.name === 'Ann')
    laptop.disconnect()
    await stillOn
    expect((await health()).members).toBe(2)
    const gone = waitForEvent(bob, 'presence:left', ({ name }) => name === 'Ann')
    phone.disconnect()
    await gone
  })

  it('still lists a person on two devices once the second one upgrades to WebSocket', async () => {
    await t.start()
    const bob = await t.join('Bob')
    const latest = new Map<string, Member>()
    const note = (member: Member): void => void latest.set(member.name, member)
    bob.on('presence:joined', note)
    bob.on('presence:updated', note)
    const laptop = await joinedDevice('Ann', newToken())
    const code = await codeFrom(laptop)

    // The phone joins on long-polling, and only then upgrades: the order a slow probe gives.
    const phone = io(t.server.url, { reconnection: false, forceNew: true, upgrade: false })
    devices.push(phone)
    expect(await request(phone, 'session:join', { name: 'Ann', token: newToken(), linkCode: code })).toMatchObject({
      data: { name: 'Ann' },
    })
    expect(phone.io.engine.transport.name).toBe('polling')
    const upgraded = new Promise((resolve) => phone.io.engine.once('upgrade', resolve))
    ;(phone.io.engine as unknown as { _probe(name: string): void })._probe('websocket')
    await upgraded

    // Sent after the upgrade on the same link, so it reaches Bob after the upgrade's news.
    const arrived = waitForEvent(bob, 'message:created', (message) => message.text === 'on WebSocket now')
    await t.send(phone, 'on WebSocket now')
    await arrived
    expect(latest.get('Ann')).toEqual({ name: 'Ann', transport: 'websocket', devices: 2 })
  })

  it('lets the tabs of one device use one name, and links the whole device with one code', async () => {
    await t.start()
    const [laptop, phone] = [newToken(), newToken()]
    const firstTab = await joinedDevice('Ann', newToken(), undefined, laptop)
    await joinedDevice('ann', newToken(), undefined, laptop)
    expect((await device('Ann', newToken(), undefined, phone)).joined).toMatchObject({ error: 'NAME_TAKEN' })
    await joinedDevice('Ann', newToken(), await codeFrom(firstTab), phone)
    // Another tab on the phone needs no code of its own.
    await joinedDevice('Ann', newToken(), undefined, phone)
    expect((await health()).members).toBe(1)
  })

  it('keeps devices linked across a restart, so either may come back first', async () => {
    await t.start()
    const [laptopToken, phoneToken] = [newToken(), newToken()]
    const laptop = await joinedDevice('Ann', laptopToken)
    await joinedDevice('Ann', phoneToken, await codeFrom(laptop))
    devices.splice(0).forEach((client) => client.disconnect())
    await t.stop()
    await t.start()
    await joinedDevice('Ann', phoneToken)
    await joinedDevice('Ann', laptopToken)
    // Someone else under the name is still refused while Ann is on.
    expect((await device('Ann', newToken())).joined).toMatchObject({ error: 'NAME_TAKEN' })
  })

  it('follows a room joined, read or left on one device on the others', async () => {
    await t.start()
    const bob = await t.join('Bob')
    const laptop = await joinedDevice('Ann', newToken())
    const phone = await joinedDevice('Ann', newToken(), await codeFrom(laptop))

    const added = waitForEvent(phone, 'room:added', (room) => room.id === 'lab')
    expect(await request(laptop, 'room:create', { name: 'lab' })).toMatchObject({ data: { id: 'lab' } })
    await added
    await request(bob, 'room:join', { roomId: 'lab' })
    const arrived = waitForEvent(phone, 'message:created', (message) => message.roomId === 'lab')
    const message = await t.send(bob, 'in the lab', 'lab')
    await arrived

    const moved = waitForEvent(phone, 'read:moved')
    await request(laptop, 'message:read', { roomId: 'lab', upTo: message.id })
    expect((await moved)[0]).toEqual({ roomId: 'lab', upTo: message.id })

    const left = waitForEvent(phone, 'room:left')
    expect(await request(laptop, 'room:leave', { roomId: 'lab' })).toEqual({ data: null })
    expect((await left)[0]).toEqual({ roomId: 'lab' })
    // Bob's next #lab message reaches neither device; his #general one after it does.
    const seen: string[] = []
    phone.on('message:created', (created) => seen.push(created.text))
    await t.send(bob, 'lab again', 'lab')
    const general = waitForEvent(phone, 'message:created', (created) => created.text === 'general after')
    await t.send(bob, 'general after')
    await general
    expect(seen).toEqual(['general after'])
  })

  it('signs out the other devices: unlinked, told why, and refused the name while this one is in', async () => {
    await t.start()
    const bob = await t.join('Bob')
    const [laptop, phone, phoneToken] = [newToken(), newToken(), newToken()]
    const laptopTab = await joinedDevice('Ann', newToken(), undefined, laptop)
    const secondTab = await joinedDevice('Ann', newToken(), undefined, laptop)
    const onPhone = await joinedDevice('Ann', phoneToken, await codeFrom(laptopTab), phone)
    const unusedCode = await codeFrom(laptopTab)

    const ended = waitForEvent(onPhone, 'session:ended')
    const closed = new Promise<string>((resolve) => onPhone.once('disconnect', resolve))
    expect(await request(laptopTab, 'session:unlink', {})).toEqual({ data: { signedOut: 1 } })
    expect((await ended)[0]).toEqual({ reason: 'Signed out from another of your devices' })
    expect(await closed).toBe('io server disconnect')
    // The laptop's tabs stay, and Ann with them.
    expect(secondTab.connected).toBe(true)
    expect((await health()).members).toBe(2)
    const stillHere = waitForEvent(bob, 'message:created', (message) => message.text === 'still here')
    await t.send(secondTab, 'still here')
    await stillHere

    // The phone is refused the name while the laptop is in, and the code made before does not work.
    expect((await device('Ann', phoneToken, undefined, phone)).joined).toMatchObject({ error: 'NAME_TAKEN' })
    expect((await device('Ann', newToken(), unusedCode, phone)).joined).toMatchObject({ error: 'FORBIDDEN' })
  })

  it('refuses a wrong code, and after five from one address refuses even the right one for a minute', async () => {
    await t.start()
    const laptop = await joinedDevice('Ann', newToken())
    const code = await codeFrom(laptop)
    for (let attempt = 0; attempt < LIMITS.linkCodeAttemptsPerMinute; attempt++) {
      const { joined } = await device('Ann', newToken(), 'ZZZZ-ZZZZ')
      expect(joined).toEqual({
        error: 'FORBIDDEN',
        message: 'That code is wrong, used or expired: make a new one with "Add a device" on your other device',
      })
    }
    const { joined } = await device('Ann', newToken(), code)
    expect(joined).toMatchObject({ error: 'RATE_LIMITED', message: expect.stringMatching(/^Too many wrong codes/) })
  })
})

describe('device links', () => {
  it('expire, work once, for the name they were made for, and a new one replaces the last', () => {
    const data = makeDataDir()
    const db = openDatabase(data.dir)
    try {
      let now = 1_000_000
      const links = createDeviceLinks(db, () => now)
      const first = links.issue('Ann', 'laptop')
      expect(links.redeem('Bob', first.code, 'phone')).toBe(false)
      const second = links.issue('Ann', 'laptop')
      expect(links.redeem('Ann', first.code, 'phone')).toBe(false)
      now += LIMITS.linkCodeTtlMs
      expect(links.redeem('ann', second.code, 'phone')).toBe(false)
      expect(links.linked('laptop', 'phone')).toBe(false)

      const third = links.issue('Ann', 'laptop')
      expect(links.redeem('ann', third.code, 'phone')).toBe(true)
      expect(links.redeem('ann', third.code, 'tablet')).toBe(false)
      expect(links.linked('laptop', 'phone')).toBe(true)
      // Linked through another: the tablet joins with a code from the phone.
      expect(links.redeem('Ann', links.issue('Ann', 'phone').code, 'tablet')).toBe(true)
      expect(links.linked('tablet', 'laptop')).toBe(true)
      expect(links.linked('tablet', 'stranger')).toBe(false)
      // Two groups joined by a code become one.
      expect(links.redeem('Zoe', links.issue('Zoe', 'desk').code, 'watch')).toBe(true)
      expect(links.redeem('Ann', links.issue('Ann', 'watch').code, 'laptop')).toBe(true)
      expect(links.linked('desk', 'tablet')).toBe(true)
      // No device id is kept as it is.
      const rows = db.prepare('SELECT device_hash FROM device_links').all() as Array<{ device_hash: string }>
      expect(rows.map((row) => row.device_hash)).not.toContain('laptop')
    } finally {
      db.close()
      data.remove()
    }
  })
})
