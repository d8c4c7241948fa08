import { afterEach, describe, expect, it, vi } from 'vitest'
import { createNetsim } from '../../netsim'
import { formatLinkCode } from '../../protocol'
import { useServerFixture } from '../helpers/fixture'
import { request } from '../helpers/request'
import { waitForEvent } from '../helpers/server'
import { saveReadMarks } from '../../src-renderer/src/platform/read-marks'
import { saveRecentEmoji } from '../../src-renderer/src/platform/recent-emoji'
import { saveSkinTone } from '../../src-renderer/src/platform/skin-tone'
import { newAppStores } from './app-fixture'

describe('one person on two devices, in the app', () => {
  const t = useServerFixture()
  const apps: Array<ReturnType<typeof newAppStores>> = []
  afterEach(() => apps.splice(0).forEach((app) => app.session.leave()))
  /** One device's app: in Node there is no local storage, so each app has a device id of its own. */
  const app = () => {
    const made = newAppStores()
    apps.push(made)
    return made
  }
  /** A code from a device that is in, for another to join with. */
  const linkCode = async (from: ReturnType<typeof newAppStores>): Promise<string> => {
    const made = await from.session.link()
    if ('error' in made) throw new Error(made.message)
    return made.code
  }

  /** A server with Bob, and Ann on her laptop and on her phone, added with a code from the laptop. */
  const annOnTwoDevices = async () => {
    await t.start()
    const bob = await t.join('Bob')
    const laptop = app()
    expect(await laptop.session.join('Ann', t.server.url)).toBe(true)
    const phone = app()
    expect(await phone.session.join('Ann', t.server.url, { linkCode: await linkCode(laptop) })).toBe(true)
    return { bob, laptop, phone }
  }

  it('picks emoji in the skin tone chosen on the other device, with the same ones used last', async () => {
    await t.start()
    const laptop = app()
    expect(await laptop.session.join('Ann', t.server.url)).toBe(true)
    const phone = app()
    expect(await phone.session.join('Ann', t.server.url)).toBe(false)
    const made = await laptop.session.link()
    if ('error' in made) throw new Error(made.message)
    expect(await phone.session.join('Ann', t.server.url, { linkCode: made.code })).toBe(true)

    laptop.emoji.setSkinTone(3)
    laptop.emoji.remember('🚀')
    laptop.emoji.remember('👍🏽')
    await expect.poll(() => [phone.emoji.skinTone, phone.emoji.recent]).toEqual([3, ['👍🏽', '🚀']])
    phone.emoji.remember('🎉')
    await expect.poll(() => laptop.emoji.recent).toEqual(['🎉', '👍🏽', '🚀'])

    // A third device, whose own storage had others (in Node the apps share one), joins with the server's.
    saveSkinTone(0)
    saveRecentEmoji(['😀'])
    const tablet = app()
    expect(tablet.emoji.recent).toEqual(['😀'])
    expect(await tablet.session.join('Ann', t.server.url, { linkCode: await linkCode(laptop) })).toBe(true)
    expect([tablet.emoji.skinTone, tablet.emoji.recent]).toEqual([3, ['🎉', '👍🏽', '🚀']])
  })

  it('adds the phone with a code from the laptop, then reads, leaves and types as one person', async () => {
    await t.start()
    const bob = await t.join('Bob')
    const laptop = app()
    expect(await laptop.session.join('Ann', t.server.url)).toBe(true)

    const phone = app()
    expect(await phone.session.join('ann', t.server.url)).toBe(false)
    expect(phone.session.needsLinkCode).toBe(true)
    const made = await laptop.session.link()
    if ('error' in made) throw new Error(made.message)
    expect(await phone.session.join('ann', t.server.url, { linkCode: formatLinkCode(made.code) })).toBe(true)
    expect(phone.session.needsLinkCode).toBe(false)
    // One person, as the laptop spells the name.
    expect(phone.session.name).toBe('Ann')
    expect(phone.presence.members.map((member) => member.name)).toEqual(['Ann', 'Bob'])
    await Promise.all([laptop.messages.loadLatest('general'), phone.messages.loadLatest('general')])

    // A room made on the laptop is joined on the phone; the laptop has it open, the phone does not.
    expect(await laptop.rooms.create('lab')).toBeNull()
    await expect.poll(() => phone.rooms.joinedIds).toContain('lab')
    await request(bob, 'room:join', { roomId: 'lab' })
    await t.send(bob, 'in the lab', 'lab')
    await expect.poll(() => laptop.messages.timeline('lab').messages.map((m) => m.text)).toEqual(['in the lab'])
    // Unread on the phone until the laptop, where it is in view, tells the server it was read.
    await expect.poll(() => phone.rooms.unread['lab']).toBe(1)
    await expect.poll(() => phone.rooms.unread['lab'], { timeout: 10_000 }).toBe(0)

    // What the laptop sends shows on the phone as the person's own.
    expect(await laptop.messages.send('general', 'sent from the laptop')).toBeNull()
    await expect
      .poll(() => phone.messages.timeline('general').messages.map((m) => `${m.author}: ${m.text}`))
      .toEqual(['Ann: sent from the laptop'])

    // Typing on the laptop is news to Bob, not to the phone.
    const bobSaw = waitForEvent(bob, 'typing:changed', ({ name }) => name === 'Ann')
    laptop.presence.reportTyping('general', true)
    await bobSaw
    await t.send(bob, 'after the typing')
    await expect
      .poll(() => phone.messages.timeline('general').messages.map((m) => m.text))
      .toContain('after the typing')
    expect(phone.presence.typing['general'] ?? []).toEqual([])

    // Left on the laptop: left on the phone too, and what it held of the room is dropped.
    expect(await laptop.rooms.leave('lab')).toBeNull()
    await expect.poll(() => phone.rooms.joinedIds).not.toContain('lab')
    expect(phone.messages.timeline('lab').messages).toEqual([])

    // A room muted on the laptop is muted on the phone, and on a device that joins later.
    laptop.preferences.setRoomLevel('general', 'none')
    await expect.poll(() => phone.preferences.muted('general')).toBe(true)
    const tablet = app()
    const code = await laptop.session.link()
    if ('error' in code) throw new Error(code.message)
    expect(await tablet.session.join('Ann', t.server.url, { linkCode: formatLinkCode(code.code) })).toBe(true)
    expect(tablet.preferences.roomLevels).toEqual({ general: 'none' })
    phone.preferences.setRoomLevel('general', null)
    await expect.poll(() => laptop.preferences.muted('general')).toBe(false)

    // A DM listed first among favourites on the phone: first on the laptop and the tablet too.
    expect(await phone.rooms.openDm('Bob')).toBeNull()
    const dm = phone.rooms.activeRoomId
    const firstListed = (device: typeof phone) => device.rooms.listed.map((room) => room.id)[0]
    expect(firstListed(laptop)).toBe('general')
    phone.favourites.set(dm, true)
    expect(firstListed(phone)).toBe(dm)
    await expect.poll(() => firstListed(laptop)).toBe(dm)
    await expect.poll(() => firstListed(tablet)).toBe(dm)
    tablet.favourites.set(dm, false)
    await expect.poll(() => laptop.favourites.ids).toEqual([])

    // Closed on the laptop: out of every device's list, but the phone's, where it is open in view.
    const dmListed = (device: typeof phone) => device.rooms.listed.some((room) => room.id === dm)
    laptop.rooms.closeDm(dm)
    expect(dmListed(laptop)).toBe(false)
    await expect.poll(() => dmListed(tablet)).toBe(false)
    await expect.poll(() => phone.hiddenDms.ids).toEqual([dm])
    expect(dmListed(phone)).toBe(true)
    // Bob writes in it: back on every device.
    await t.send(bob, 'still there?', dm)
    await expect.poll(() => dmListed(laptop)).toBe(true)
    await expect.poll(() => dmListed(tablet)).toBe(true)
    await expect.poll(() => phone.hiddenDms.ids).toEqual([])
  })

  it('hands the server a room level and a skin tone chosen during a long drop, as the connection recovers', async () => {
    await t.start()
    const netsim = await createNetsim({ target: t.server.url })
    try {
      const laptop = app()
      expect(await laptop.session.join('Ann', netsim.url)).toBe(true)
      const requests = vi.spyOn(laptop.connection, 'request')
      /** What the server answered to each `event` request since the spy began. */
      const answers = (event: string) =>
        Promise.all(
          requests.mock.calls.flatMap((call, i) => (call[0] === event ? [requests.mock.results[i]!.value] : [])),
        )

      netsim.setProfile('offline')
      await expect.poll(() => laptop.connection.status).not.toBe('connected')
      laptop.emoji.setSkinTone(4)
      laptop.preferences.setRoomLevel('general', 'none')
      laptop.favourites.set('general', true)
      // Longer than a request waits: all go unanswered, kept for later.
      expect(await answers('emoji:prefs')).toEqual([{ error: 'TIMEOUT', message: expect.any(String) }])
      expect(await answers('room:notify')).toEqual([{ error: 'TIMEOUT', message: expect.any(String) }])
      expect(await answers('room:favourite')).toEqual([{ error: 'TIMEOUT', message: expect.any(String) }])

      netsim.setProfile('clean')
      await expect.poll(() => laptop.connection.recovered, { timeout: 20_000 }).toBe(true)
      expect(laptop.session.rejoining()).toBe(false)
      await expect
        .poll(() => answers('emoji:prefs'))
        .toContainEqual({ data: { skinTone: 4, recent: expect.any(Array) } })
      // Taken (the server answers a level and a favourite with no data).
      await expect.poll(() => answers('room:notify')).toContainEqual({ data: null })
      await expect.poll(() => answers('room:favourite')).toContainEqual({ data: null })
    } finally {
      await netsim.close()
    }
  }, 40_000)

  it('hands the server a room level and a skin tone chosen while it was out of reach, once back, so they reach the other devices', async () => {
    const { port } = await t.start()
    const laptop = app()
    expect(await laptop.session.join('Ann', t.server.url)).toBe(true)
    // The server keeps a skin tone from before, which the one chosen out of reach replaces.
    const before = { skinTone: 2, recent: [] }
    expect(await laptop.connection.request('emoji:prefs', before)).toEqual({ data: before })
    await t.stop()
    await expect.poll(() => laptop.connection.status).not.toBe('connected')
    laptop.preferences.setRoomLevel('general', 'none')
    expect(laptop.preferences.muted('general')).toBe(true)
    // And a skin tone and a favourite, which the server hears of with the same join.
    laptop.emoji.setSkinTone(5)
    laptop.favourites.set('general', true)

    // A restart: the new server has no session to restore, so the app joins afresh, with its choice.
    await t.start({ port })
    let code: Awaited<ReturnType<typeof laptop.session.link>> | undefined
    await expect
      .poll(async () => (code = await laptop.session.link()), { timeout: 20_000 })
      .toEqual({ code: expect.any(String), expiresAt: expect.any(Number) })
    expect(laptop.preferences.muted('general')).toBe(true)
    // The phone's own storage knows no skin tone (in Node the apps share one).
    saveSkinTone(0)
    saveRecentEmoji([])
    const phone = app()
    if (!code || 'error' in code) throw new Error('no link code')
    expect(await phone.session.join('Ann', t.server.url, { linkCode: formatLinkCode(code.code) })).toBe(true)
    await expect.poll(() => phone.preferences.roomLevels).toEqual({ general: 'none' })
    expect(phone.emoji.skinTone).toBe(5)
    expect(phone.favourites.ids).toEqual(['general'])
  })

  it('marks a room unread on one device and the other: kept while in view until opened again, and after a restart', async () => {
    const { bob, laptop, phone } = await annOnTwoDevices()
    await laptop.messages.loadLatest('general')
    // The phone looks at a room of its own; #general is in view on the laptop, which reads what comes.
    expect(await phone.rooms.create('lab')).toBeNull()
    for (const text of ['one', 'two', 'three']) await t.send(bob, text)
    await expect.poll(() => laptop.messages.timeline('general').messages.length).toBe(3)
    await expect.poll(() => phone.rooms.unread['general'] ?? 0, { timeout: 10_000 }).toBe(0)

    const [first, second, third] = laptop.messages.timeline('general').messages
    expect(await laptop.messages.markUnread(second!)).toBeNull()
    expect(laptop.rooms.unread['general']).toBe(2)
    expect(laptop.rooms.openedUnread).toEqual({ roomId: 'general', count: 2 })
    await expect.poll(() => phone.rooms.unread['general']).toBe(2)
    // The window looked at again keeps it; opening the room again reads it, on both.
    laptop.rooms.markActiveSeen()
    expect(laptop.rooms.unread['general']).toBe(2)
    laptop.rooms.select('lab')
    laptop.rooms.select('general')
    expect(laptop.rooms.unread['general']).toBe(0)
    await expect.poll(() => phone.rooms.unread['general'], { timeout: 10_000 }).toBe(0)

    // Marked on the phone, from the first: the laptop, with it in view, counts it so too.
    await phone.messages.loadLatest('general')
    expect(await phone.messages.markUnread(first!)).toBeNull()
    expect(phone.rooms.unread['general']).toBe(3)
    await expect.poll(() => laptop.rooms.unread['general']).toBe(3)
    expect(laptop.rooms.openedUnread).toEqual({ roomId: 'general', count: 3 })
    // The laptop restarted, its own mark from before (in Node the apps share one store: put it back),
    // opens #general at its New line, and so reads it.
    laptop.session.leave()
    saveReadMarks(`${new URL(t.server.url).origin}|Ann`, { general: third!.id })
    const again = app()
    expect(await again.session.join('Ann', t.server.url, { linkCode: await linkCode(phone) })).toBe(true)
    await expect.poll(() => again.rooms.openedUnread).toEqual({ roomId: 'general', count: 3 })
    await again.messages.loadLatest('general')
    await expect.poll(() => phone.rooms.unread['general'], { timeout: 10_000 }).toBe(0)
  })

  it('keeps one saved list on both devices: saved on one shows on the other, a deletion takes it off both', async () => {
    const { bob, laptop, phone } = await annOnTwoDevices()
    const note = await t.send(bob, 'the demo starts at three')
    const saved = (device: typeof laptop) => device.saved.items.map(({ message }) => message.text)
    expect(await laptop.saved.setSaved(note, true)).toBeNull()
    await expect.poll(() => saved(phone)).toEqual(['the demo starts at three'])
    expect(phone.saved.isSaved(note.id)).toBe(true)
    await request(bob, 'message:delete', { id: note.id })
    await expect.poll(() => [saved(laptop), saved(phone)]).toEqual([[], []])
  })

  it('shows a reminder set on one device come due on both, until it is done on either', async () => {
    const { bob, laptop, phone } = await annOnTwoDevices()
    const note = await t.send(bob, 'call the caterer back')
    const due = (device: typeof laptop) => device.saved.due.map(({ message }) => message.text)
    // A second and a half ahead: set before it is due, come due by each device's own timer.
    expect(await laptop.saved.remind(note, Date.now() + 1500)).toBeNull()
    expect(laptop.saved.isSaved(note.id)).toBe(true)
    await expect.poll(() => [due(laptop), due(phone)], { timeout: 10_000 }).toEqual([[note.text], [note.text]])
    expect(await phone.saved.remind(note, null)).toBeNull()
    await expect.poll(() => [due(laptop), due(phone)]).toEqual([[], []])
    // Done, and still saved on both.
    expect([laptop.saved.isSaved(note.id), phone.saved.isSaved(note.id)]).toEqual([true, true])
  })
})
