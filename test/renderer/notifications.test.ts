import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Message, ParleyBridge } from '../../protocol'
import { notificationFor } from '../../src-renderer/src/lib/notification-policy'
import { showNotification } from '../../src-renderer/src/platform/notify'

const message: Message = { id: 1, clientId: null, roomId: 'dm:1', author: 'bob', text: 'hi ann', ts: 0 }
const dm = { id: 'dm:1', kind: 'dm' as const, name: 'ann,bob', members: ['ann', 'bob'] as [string, string] }
const general = { id: 'general', kind: 'room' as const, name: 'general' }

describe('notifications', () => {
  afterEach(() => {
    delete window.parley
    vi.unstubAllGlobals()
  })

  it('notifies of others’ messages only while the window is not focused', () => {
    expect(notificationFor(message, dm, 'ann', false, 'all')).toEqual({
      title: 'bob in bob',
      body: 'hi ann',
      roomId: 'dm:1',
      messageId: 1,
    })
    expect(notificationFor(message, general, 'ann', false, 'all')?.title).toBe('bob in #general')
    expect(notificationFor(message, dm, 'ann', true, 'all')).toBeNull()
    expect(notificationFor({ ...message, author: 'ann' }, dm, 'ann', false, 'all')).toBeNull()
    // One's own, written under another case of the name before a rejoin.
    expect(notificationFor({ ...message, author: 'ANN' }, dm, 'ann', false, 'all')).toBeNull()
    expect(notificationFor({ ...message, text: 'x'.repeat(500) }, dm, 'ann', false, 'all')!.body).toHaveLength(200)
    const file = { id: 'f'.repeat(32), name: 'menu.pdf', size: 10, type: 'application/pdf' }
    expect(notificationFor({ ...message, text: '', file }, dm, 'ann', false, 'all')!.body).toBe('📎 menu.pdf')
    expect(notificationFor({ ...message, file }, dm, 'ann', false, 'all')!.body).toBe('hi ann')
    expect(notificationFor({ ...message, text: '/me waves' }, dm, 'ann', false, 'all')!.body).toBe('bob waves')
  })

  it('at the DMs-and-mentions level, notifies of a room message only if it mentions you; at none, of nothing', () => {
    const inRoom = { ...message, roomId: 'general' }
    expect(notificationFor(inRoom, general, 'ann', false, 'mentions')).toBeNull()
    expect(notificationFor({ ...inRoom, text: 'hi @Ann' }, general, 'ann', false, 'mentions')?.body).toBe('hi @Ann')
    expect(notificationFor(message, dm, 'ann', false, 'mentions')?.body).toBe('hi ann')
    expect(notificationFor(message, dm, 'ann', false, 'none')).toBeNull()
    expect(notificationFor({ ...inRoom, text: 'hi @Ann' }, general, 'ann', false, 'none')).toBeNull()
    // @room is everyone's mention where the server let it be (`everyone`); a word that only starts so is nobody's.
    const call = { ...inRoom, everyone: true as const }
    expect(notificationFor({ ...call, text: '@Room lunch!' }, general, 'ann', false, 'mentions')?.body).toBe(
      '@Room lunch!',
    )
    expect(notificationFor({ ...inRoom, text: '@Room lunch!' }, general, 'ann', false, 'mentions')).toBeNull()
    expect(notificationFor({ ...call, text: '@roomy lunch' }, general, 'ann', false, 'mentions')).toBeNull()
    expect(notificationFor({ ...call, text: '@room lunch', author: 'ann' }, general, 'ann', false, 'all')).toBeNull()
  })

  it('counts a reply to one of your messages as addressed to you, whatever the case of your name', () => {
    const reply = { ...message, roomId: 'general', text: 'agreed', replyTo: { id: 9, author: 'ANN', text: 'lunch?' } }
    expect(notificationFor(reply, general, 'ann', false, 'mentions')?.body).toBe('agreed')
    const toCy = { ...reply, replyTo: { id: 9, author: 'cy', text: 'lunch?' } }
    expect(notificationFor(toCy, general, 'ann', false, 'mentions')).toBeNull()
    expect(notificationFor(toCy, general, 'ann', false, 'all')?.body).toBe('agreed')
  })

  it('goes through the bridge in the desktop app', () => {
    const notify = vi.fn(async () => ({ data: null }))
    window.parley = { notify } as unknown as ParleyBridge
    showNotification({ title: 't', body: 'b', roomId: 'general', messageId: 3 }, () => {})
    expect(notify).toHaveBeenCalledWith({ title: 't', body: 'b', roomId: 'general', messageId: 3 })
  })

  it('uses the Notification API in a browser once permission is granted, and a click opens the message', () => {
    const shown: Array<{ title: string; options: NotificationOptions; onclick?: () => void; close: () => void }> = []
    class FakeNotification {
      static permission = 'denied'
      onclick?: () => void
      close = vi.fn()
      constructor(
        public title: string,
        public options: NotificationOptions,
      ) {
        shown.push(this)
      }
    }
    vi.stubGlobal('Notification', FakeNotification)
    const open = vi.fn()
    showNotification({ title: 't', body: 'b', roomId: 'lab', messageId: 3 }, open)
    expect(shown).toHaveLength(0)

    FakeNotification.permission = 'granted'
    showNotification({ title: 't', body: 'b', roomId: 'lab', messageId: 3 }, open)
    expect(shown.map((n) => [n.title, n.options.body])).toEqual([['t', 'b']])
    shown[0]!.onclick!()
    expect(open).toHaveBeenCalledWith({ roomId: 'lab', messageId: 3 })
  })
})
