import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, h, nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, storeToRefs } from 'pinia'
import { DEFAULT_SETTINGS, LIMITS, PROTOCOL_VERSION, type FoundServer, type ParleyBridge } from '../../protocol'
import LinkifiedText from '../../src-renderer/src/components/LinkifiedText.vue'
import MessageComposer from '../../src-renderer/src/components/MessageComposer.vue'
import AppHeader from '../../src-renderer/src/components/AppHeader.vue'
import RoomList from '../../src-renderer/src/components/RoomList.vue'
import MemberList from '../../src-renderer/src/components/MemberList.vue'
import MessageItem from '../../src-renderer/src/components/MessageItem.vue'
import JoinScreen from '../../src-renderer/src/components/JoinScreen.vue'
import { REASK_AFTER_MS } from '../../src-renderer/src/lib/found-servers'
import TypingLine from '../../src-renderer/src/components/TypingLine.vue'
import NotifyLevel from '../../src-renderer/src/components/NotifyLevel.vue'
import { useConnectionStore } from '../../src-renderer/src/stores/connection'
import { useSessionStore } from '../../src-renderer/src/stores/session'
import { useMessagesStore, type ShownMessage } from '../../src-renderer/src/stores/messages'
import { usePreferencesStore } from '../../src-renderer/src/stores/preferences'
import { usePresenceStore } from '../../src-renderer/src/stores/presence'
import { useRoomsStore } from '../../src-renderer/src/stores/rooms'
import { useUploadsStore } from '../../src-renderer/src/stores/uploads'
import { syncUnreadBadge } from '../../src-renderer/src/platform/unread-badge'
import { useNetworkStore } from '../../src-renderer/src/stores/network'
import ForwardedCard from '../../src-renderer/src/components/ForwardedCard.vue'
import ScheduledPanel from '../../src-renderer/src/components/ScheduledPanel.vue'
import { useScheduledStore } from '../../src-renderer/src/stores/scheduled'

function fakeBridge(): ParleyBridge {
  const ok = <T>(data: T) => Promise.resolve({ data })
  return {
    getVersion: vi.fn(() => ok('0.1.0')),
    getSettings: vi.fn(() =>
      ok({
        serverUrl: 'http://10.0.0.5:3000',
        displayName: 'Desk',
        notifyFor: 'all' as const,
        sound: true,
        pausedUntil: 0,
        sendWithCtrl: false,
        recentServers: ['http://10.0.0.5:3000', 'http://192.168.7.2:3000'],
      }),
    ),
    saveSettings: vi.fn(() => ok(DEFAULT_SETTINGS)),
    notify: vi.fn(() => ok(null)),
    openInBrowser: vi.fn(() => ok(null)),
    hostServer: vi.fn(() => ok({ localUrl: 'http://127.0.0.1:3000', lanUrls: ['http://10.0.0.5:3000/'], port: 3000 })),
    stopHosting: vi.fn(() => ok(null)),
    getHostedServer: vi.fn(() => ok(null)),
    openLink: vi.fn(() => ok({ url: 'http://127.0.0.1:45000', profile: 'clean' })),
    setUnreadCount: vi.fn(() => ok(null)),
    getIdleSeconds: vi.fn(() => ok(0)),
    setLinkProfile: vi.fn((profile: string) => ok({ url: 'http://127.0.0.1:45000', profile })),
    loadOutbox: vi.fn(() => ok([])),
    saveOutbox: vi.fn(() => ok(null)),
    onNotificationClick: vi.fn(() => () => {}),
    findServers: vi.fn(() => ok([])),
    onServersFound: vi.fn(() => () => {}),
  }
}

describe('components', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    delete window.parley
    vi.restoreAllMocks()
  })

  it('renders markup in a message as text, and only http(s) links as anchors', () => {
    const hostile =
      '<img src=x onerror="alert(1)"> <script>alert(2)</script> javascript:alert(3) {{ 7*7 }} https://ok.example/'
    // The component renders a fragment: give it a parent to read the text of.
    const wrapper = mount(defineComponent({ render: () => h('p', [h(LinkifiedText, { text: hostile })]) }))
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
    expect(wrapper.element.textContent).toBe(hostile)
    const links = wrapper.findAll('a')
    expect(links.map((link) => link.attributes('href'))).toEqual(['https://ok.example/'])
    expect(links[0]!.attributes('rel')).toBe('noopener noreferrer')
  })

  it('keeps the desktop icon’s unread count in step with the rooms', async () => {
    window.parley = fakeBridge()
    const rooms = useRoomsStore()
    const scope = effectScope()
    scope.run(() => syncUnreadBadge(storeToRefs(rooms).totalUnread))
    rooms.countUnread({ roomId: 'lab', id: 1 })
    rooms.countUnread({ roomId: 'lab', id: 2 })
    await nextTick()
    expect(window.parley.setUnreadCount).toHaveBeenLastCalledWith(2)
    rooms.select('lab')
    await nextTick()
    expect(window.parley.setUnreadCount).toHaveBeenLastCalledWith(0)
    scope.stop()
  })

  it('opens links through the desktop bridge when there is one', async () => {
    window.parley = fakeBridge()
    const wrapper = mount(LinkifiedText, { props: { text: 'go to https://example.com/path now' } })
    await wrapper.find('a').trigger('click')
    expect(window.parley.openInBrowser).toHaveBeenCalledWith('https://example.com/path')
  })

  it('shows a forwarded copy as text, and opens its file through the desktop bridge', async () => {
    window.parley = fakeBridge()
    useNetworkStore().targetUrl = 'http://10.0.0.5:3000'
    const file = { id: 'a'.repeat(32), name: 'plan.pdf', size: 10, type: 'application/pdf' }
    const forwarded = { id: 7, roomId: 'general', author: 'Bob', text: '<b>bold</b> *plan*', ts: 1, file }
    const wrapper = mount(ForwardedCard, { props: { forwarded } })
    expect(wrapper.find('[data-testid=message-forwarded-from]').text()).toBe('↪ Forwarded from Bob')
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.find('[data-testid=message-forwarded-text]').text()).toBe('<b>bold</b> plan')
    const link = wrapper.find('[data-testid=message-forwarded-file]')
    const click = new MouseEvent('click', { cancelable: true })
    link.element.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    expect(window.parley.openInBrowser).toHaveBeenCalledWith(`http://10.0.0.5:3000/files/${file.id}`)
  })

  it('schedules what is typed, with its reply and /shrug written out, and keeps the text when refused', async () => {
    const rooms = useRoomsStore()
    rooms.joinedIds = ['general']
    const messages = useMessagesStore()
    const scheduled = useScheduledStore()
    const schedule = vi
      .spyOn(scheduled, 'schedule')
      .mockResolvedValueOnce({ error: 'INVALID_PAYLOAD', message: 'That time has passed' })
      .mockResolvedValue({ id: 1, roomId: 'general', text: 'x', at: 1 })
    const wrapper = mount(MessageComposer)
    const input = wrapper.get('[data-testid=composer-input]')
    const later = wrapper.get('[data-testid=composer-schedule]')
    expect(later.attributes('disabled')).toBeDefined()

    await input.setValue('/shrug ship it')
    await later.trigger('click')
    await wrapper.get('[data-testid=schedule-option][data-choice="30m"]').trigger('click')
    await flushPromises()
    expect(schedule).toHaveBeenLastCalledWith('general', 'ship it ¯\\\\\\_(ツ)\\_/¯', expect.any(Number), undefined)
    // Refused: the words stay, and why shows.
    expect((input.element as HTMLTextAreaElement).value).toBe('/shrug ship it')
    expect(wrapper.get('[role=alert]').text()).toBe('Not scheduled: That time has passed')

    const answered = { id: 4, clientId: null, roomId: 'general', author: 'Bob', text: 'ready?', ts: 1 }
    messages.startReply(answered)
    await nextTick()
    await later.trigger('click')
    await wrapper.get('[data-testid=schedule-option][data-choice="1h"]').trigger('click')
    await flushPromises()
    const [, , at, replyTo] = schedule.mock.lastCall!
    expect(at).toBeGreaterThan(Date.now() + 59 * 60_000)
    expect(replyTo).toBe(4)
    expect((input.element as HTMLTextAreaElement).value).toBe('')
    expect(wrapper.find('[data-testid=reply-preview]').exists()).toBe(false)

    // A command that does something else is not a message to schedule.
    await input.setValue('/away')
    await later.trigger('click')
    await wrapper.get('[data-testid=schedule-option][data-choice="1h"]').trigger('click')
    expect(schedule).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[role=alert]').text()).toBe('/away does its work now: it cannot be scheduled')
  })

  it('lists scheduled messages as text, with why one could not go, and changes them through the store', async () => {
    const rooms = useRoomsStore()
    rooms.rooms = [{ id: 'general', name: 'general', kind: 'room' }]
    const scheduled = useScheduledStore()
    scheduled.items = [
      { id: 1, roomId: 'general', text: '<img src=x onerror=alert(1)> hi', at: Date.now() + 60_000 },
      { id: 2, roomId: 'gone', text: 'lab results', at: Date.now() - 1000, failed: 'Its room was removed' },
    ]
    const edit = vi.spyOn(scheduled, 'edit').mockResolvedValue(null)
    const cancel = vi.spyOn(scheduled, 'cancel').mockResolvedValue({ error: 'INTERNAL', message: 'No answer' })
    const wrapper = mount(ScheduledPanel)
    const texts = wrapper.findAll('[data-testid=scheduled-text]')
    expect(texts.map((text) => text.text())).toEqual(['<img src=x onerror=alert(1)> hi', 'lab results'])
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid=scheduled-where]').map((where) => where.text())).toEqual([
      'to #general',
      'to a room you are no longer in',
    ])
    expect(wrapper.get('[data-testid=scheduled-failed]').text()).toBe('Not sent: Its room was removed')

    await wrapper.findAll('[data-testid=scheduled-edit]')[1]!.trigger('click')
    const editor = wrapper.get('[data-testid=scheduled-edit-input]')
    await editor.setValue('lab results, take two')
    await editor.trigger('keydown', { key: 'Enter' })
    expect(edit).toHaveBeenCalledWith(2, { text: 'lab results, take two' })
    const select = wrapper.findAll('[data-testid=scheduled-reschedule]')[0]!
    await select.setValue('3h')
    expect(edit).toHaveBeenLastCalledWith(1, { at: expect.any(Number) })
    expect(edit.mock.lastCall![1].at).toBeGreaterThan(Date.now() + 179 * 60_000)

    await wrapper.findAll('[data-testid=scheduled-cancel]')[0]!.trigger('click')
    await flushPromises()
    expect(cancel).toHaveBeenCalledWith(1)
    expect(wrapper.get('[data-testid=scheduled-error]').text()).toBe('Still scheduled: No answer')
  })

  it('sends on Enter, keeps a new line on Shift+Enter, and refuses an empty message', async () => {
    const rooms = useRoomsStore()
    rooms.joinedIds = ['general']
    const messages = useMessagesStore()
    const send = vi.spyOn(messages, 'send').mockResolvedValue(null)
    const wrapper = mount(MessageComposer)
    const input = wrapper.get('[data-testid=composer-input]')

    await input.setValue('line one')
    await input.trigger('keydown', { key: 'Enter', shiftKey: true })
    expect(send).not.toHaveBeenCalled()
    await input.setValue('line one\nline two')
    await input.trigger('keydown', { key: 'Enter' })
    expect(send).toHaveBeenCalledWith('general', 'line one\nline two', undefined)
    expect((input.element as HTMLTextAreaElement).value).toBe('')

    await input.setValue('   ')
    await input.trigger('keydown', { key: 'Enter' })
    expect(send).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-testid=composer-send]').attributes('disabled')).toBeDefined()
  })

  it('keeps what is typed while a command waits for the server', async () => {
    useRoomsStore().joinedIds = ['general']
    let answer: (result: null) => void = () => {}
    vi.spyOn(usePresenceStore(), 'setStatus').mockReturnValue(new Promise((resolve) => (answer = resolve)))
    const wrapper = mount(MessageComposer)
    const input = wrapper.get('[data-testid=composer-input]')
    await input.setValue('/status At the lab')
    await input.trigger('keydown', { key: 'Enter' })
    await input.setValue('hello')
    answer(null)
    await flushPromises()
    expect((input.element as HTMLTextAreaElement).value).toBe('hello')
    // A command nobody typed over clears, as it did.
    await input.setValue('/status Back at 3')
    await input.trigger('keydown', { key: 'Enter' })
    answer(null)
    await flushPromises()
    expect((input.element as HTMLTextAreaElement).value).toBe('')
  })

  it('offers the names of people online after @, and Enter takes one instead of sending', async () => {
    useRoomsStore().joinedIds = ['general']
    const presence = usePresenceStore()
    presence.hydrate('Ann', [
      { name: 'Ann', transport: 'websocket' },
      { name: 'Bob', transport: 'websocket' },
      { name: 'Bobby', transport: 'polling' },
    ])
    const send = vi.spyOn(useMessagesStore(), 'send').mockResolvedValue(null)
    const wrapper = mount(MessageComposer, { attachTo: document.body })
    const input = wrapper.get('[data-testid=composer-input]')
    const textarea = input.element as HTMLTextAreaElement
    const offered = () => wrapper.findAll('[data-testid=mention-suggestion]').map((item) => item.text())

    await input.trigger('focus')
    await input.setValue('hi @bo')
    expect(offered()).toEqual(['@Bob', '@Bobby'])
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'Enter' })
    expect(send).not.toHaveBeenCalled()
    expect(textarea.value).toBe('hi @Bobby ')
    expect(offered()).toEqual([])

    // Escape closes the list for this @; Enter then sends.
    await input.setValue('@b')
    expect(offered()).toEqual(['@Bob', '@Bobby'])
    await input.trigger('keydown', { key: 'Escape' })
    expect(offered()).toEqual([])
    await input.trigger('keydown', { key: 'Enter' })
    expect(send).toHaveBeenCalledWith('general', '@b', undefined)
    wrapper.unmount()
  })

  it('offers @room in a moderated server’s public room to its moderators only', async () => {
    const rooms = useRoomsStore()
    rooms.rooms = [{ id: 'general', kind: 'room', name: 'general' }]
    rooms.joinedIds = ['general']
    usePresenceStore().hydrate('Ann', [{ name: 'Ann', transport: 'websocket' }])
    const session = useSessionStore()
    session.server = { name: 'Lab', version: '0.1.0', moderated: true }
    const wrapper = mount(MessageComposer, { attachTo: document.body })
    const input = wrapper.get('[data-testid=composer-input]')
    const offered = () => wrapper.findAll('[data-testid=mention-suggestion]').map((item) => item.text())
    await input.trigger('focus')
    await input.setValue('@ro')
    expect(offered()).toEqual([])
    session.moderator = true
    await input.setValue('@roo')
    expect(offered()).toEqual(['@room everyone in #general'])
    wrapper.unmount()
  })

  it('sends a finished upload with the next message, words or not, and waits while one is still uploading', async () => {
    useRoomsStore().joinedIds = ['general']
    const uploads = useUploadsStore()
    const send = vi.spyOn(useMessagesStore(), 'send').mockResolvedValue(null)
    const wrapper = mount(MessageComposer)
    const button = () => wrapper.get('[data-testid=composer-send]')
    uploads.uploads['general'] = {
      name: 'menu.pdf',
      size: 2048,
      type: 'application/pdf',
      sent: 1024,
      fileId: 'f'.repeat(32),
      state: 'uploading',
    }
    await wrapper.get('[data-testid=composer-input]').setValue('the menu')
    expect(wrapper.get('[data-testid=file-upload]').text()).toContain('menu.pdf')
    expect(wrapper.get('[data-testid=file-progress]').attributes('value')).toBe('1024')
    expect(button().attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid=composer-input]').trigger('keydown', { key: 'Enter' })
    expect(send).not.toHaveBeenCalled()

    uploads.uploads['general']!.sent = 2048
    uploads.uploads['general']!.state = 'done'
    await wrapper.get('[data-testid=composer-input]').setValue('')
    expect(button().attributes('disabled')).toBeUndefined()
    await button().trigger('submit')
    const file = { id: 'f'.repeat(32), name: 'menu.pdf', size: 2048, type: 'application/pdf' }
    expect(send).toHaveBeenCalledWith('general', '', file)
    expect(wrapper.find('[data-testid=file-upload]').exists()).toBe(false)
  })

  it('keeps what was typed in each room when another is opened', async () => {
    const rooms = useRoomsStore()
    rooms.joinedIds = ['general', 'lab']
    const wrapper = mount(MessageComposer)
    const input = () => wrapper.get('[data-testid=composer-input]').element as HTMLTextAreaElement
    await wrapper.get('[data-testid=composer-input]').setValue('half a thought')
    rooms.activeRoomId = 'lab'
    await nextTick()
    expect(input().value).toBe('')
    await wrapper.get('[data-testid=composer-input]').setValue('for the lab')
    rooms.activeRoomId = 'general'
    await nextTick()
    expect(input().value).toBe('half a thought')
    rooms.activeRoomId = 'lab'
    await nextTick()
    expect(input().value).toBe('for the lab')
  })

  it('warns near the length limit and will not send past it', async () => {
    useRoomsStore().joinedIds = ['general']
    const send = vi.spyOn(useMessagesStore(), 'send').mockResolvedValue(null)
    const wrapper = mount(MessageComposer)
    const input = wrapper.get('[data-testid=composer-input]')
    await input.setValue('x'.repeat(4001))
    expect(wrapper.get('.composer__count').text()).toBe('-1')
    await input.trigger('keydown', { key: 'Enter' })
    expect(send).not.toHaveBeenCalled()
  })

  it('shows the live transport and status in the header, and nothing while disconnected', async () => {
    const connection = useConnectionStore()
    const wrapper = mount(AppHeader, { props: { panel: null, drawer: false } })
    expect(wrapper.get('[data-testid=transport]').text()).toBe('')
    expect(wrapper.get('[data-testid=connection-status]').text()).toBe('disconnected')
    connection.status = 'connected'
    connection.transport = 'polling'
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-testid=transport]').text()).toBe('polling')
    connection.transport = 'websocket'
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-testid=transport]').text()).toBe('websocket')
    expect(wrapper.get('[data-testid=connection-status]').text()).toBe('connected')
    // What whoever runs the server says about it, on hover over its name.
    useSessionStore().server = { name: 'Lab', about: 'Room 4, Tuesdays', protocol: PROTOCOL_VERSION, version: '0.1.0' }
    await wrapper.vm.$nextTick()
    expect(wrapper.get('.header__where').attributes('title')).toMatch(/^Lab — Room 4, Tuesdays · /)
    expect(wrapper.find('[data-testid=version-notice]').exists()).toBe(false)
    // A desktop app on a server of another version says what may not show.
    useSessionStore().server = { name: 'Lab', protocol: PROTOCOL_VERSION + 1, version: '0.2.0' }
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-testid=version-notice]').text()).toMatch(/^This server is newer than this app: update/)
    useSessionStore().server = { name: 'Old', version: '0.0.9' }
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-testid=version-notice]').text()).toMatch(/^This server is older than this app/)
  })

  it('names the search shortcut of the system the page runs on', () => {
    const title = () =>
      mount(AppHeader, { props: { panel: null, drawer: false } })
        .get('[data-testid=search-open]')
        .attributes('title')
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0')
    expect(title()).toBe('Search messages (Ctrl+K)')
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)')
    expect(title()).toBe('Search messages (⌘K)')
    vi.restoreAllMocks()
  })

  it('lists rooms and DMs with their unread counts', async () => {
    const rooms = useRoomsStore()
    usePresenceStore().self = 'ann'
    rooms.rooms = [
      { id: 'general', kind: 'room', name: 'general' },
      { id: 'dm:1', kind: 'dm', name: 'ann,bob', members: ['ann', 'bob'] },
    ]
    rooms.joinedIds = ['general', 'dm:1']
    rooms.unread = { 'dm:1': 3 }
    const wrapper = mount(RoomList)
    const items = wrapper.findAll('[data-testid=room-item]')
    expect(items.map((item) => [item.attributes('data-room'), item.text()])).toEqual([
      ['general', '#general'],
      ['dm:1', 'bob3'],
    ])
    expect(items[1]!.get('[data-testid=room-unread]').text()).toBe('3')
    await items[1]!.trigger('click')
    expect(rooms.activeRoomId).toBe('dm:1')
    expect(wrapper.find('[data-testid=room-unread]').exists()).toBe(false)
  })

  it('shows a count the server stopped at its cap as more, until the room is read', async () => {
    const rooms = useRoomsStore()
    rooms.rooms = [
      { id: 'general', kind: 'room', name: 'general' },
      { id: 'lab', kind: 'room', name: 'lab' },
      { id: 'side', kind: 'room', name: 'side' },
    ]
    rooms.joinedIds = ['general', 'lab', 'side']
    rooms.setUnreadCounts([
      { roomId: 'lab', count: LIMITS.unreadCountMax, upTo: 500, readUpTo: 1 },
      { roomId: 'side', count: 3, upTo: 400, readUpTo: 397 },
    ])
    rooms.countUnread({ roomId: 'lab', id: 501 })
    const wrapper = mount(RoomList)
    const badge = (room: string) => wrapper.find(`[data-room=${room}] [data-testid=room-unread]`)
    expect(badge('lab').text()).toBe(`${LIMITS.unreadCountMax + 1}+`)
    expect(badge('side').text()).toBe('3')
    rooms.select('lab')
    rooms.select('general')
    rooms.countUnread({ roomId: 'lab', id: 502 })
    await nextTick()
    expect(badge('lab').text()).toBe('1')
  })

  it('shows how many unread are addressed to you beside the count, the server’s and live ones, until read', async () => {
    const rooms = useRoomsStore()
    rooms.rooms = [
      { id: 'general', kind: 'room', name: 'general' },
      { id: 'lab', kind: 'room', name: 'lab' },
      { id: 'dm:1', kind: 'dm', name: 'dm', members: ['ann', 'bob'] },
    ]
    rooms.joinedIds = ['general', 'lab']
    rooms.setUnreadCounts([
      { roomId: 'lab', count: 4, upTo: 400, readUpTo: 396, mentions: 1 },
      { roomId: 'dm:1', count: 2, upTo: 300, readUpTo: 298, mentions: 2 },
    ])
    rooms.countUnread({ roomId: 'lab', id: 401 }, { addressed: true })
    rooms.countUnread({ roomId: 'lab', id: 402 })
    const wrapper = mount(RoomList)
    const badge = (room: string) => wrapper.find(`[data-room="${room}"] [data-testid=room-mentions]`)
    expect(badge('lab').text()).toBe('@2 mention you')
    expect(badge('lab').attributes('title')).toBe('mention you')
    expect(wrapper.get('[data-room=lab] [data-testid=room-unread]').text()).toBe('6')
    // A DM is all to you: its count says so, with no badge beside it.
    expect(badge('dm:1').exists()).toBe(false)
    rooms.readElsewhere('lab', 401)
    await nextTick()
    expect(badge('lab').exists()).toBe(false)
    rooms.countUnread({ roomId: 'lab', id: 403 }, { addressed: true })
    await nextTick()
    expect(badge('lab').text()).toBe('@1 mentions you')
    rooms.select('lab')
    await nextTick()
    expect(badge('lab').exists()).toBe(false)
  })

  it('shows each member with their transport', () => {
    const presence = usePresenceStore()
    presence.self = 'ann'
    presence.members = [
      { name: 'ann', transport: 'websocket' },
      { name: 'bob', transport: 'polling' },
    ]
    const wrapper = mount(MemberList)
    expect(
      wrapper.findAll('[data-testid=member]').map((m) => [m.attributes('data-name'), m.attributes('data-transport')]),
    ).toEqual([
      ['ann', 'websocket'],
      ['bob', 'polling'],
    ])
  })

  it('shows the first hundred of a crowd, and finds the rest by name', async () => {
    const presence = usePresenceStore()
    presence.self = 'p000'
    presence.members = Array.from({ length: 250 }, (_, i) => ({
      name: `p${String(i).padStart(3, '0')}`,
      transport: 'websocket' as const,
    }))
    const wrapper = mount(MemberList)
    const shown = () => wrapper.findAll('[data-testid=member]').map((member) => member.attributes('data-name'))
    expect(wrapper.get('h2').text()).toBe('Online — 250')
    expect(shown()).toHaveLength(100)
    expect(shown()[99]).toBe('p099')
    expect(wrapper.get('[data-testid=member-more]').text()).toBe('and 150 more: type a name to find them')

    // Any part of the name, in any case.
    await wrapper.get('[data-testid=member-find]').setValue('P24')
    expect(shown()).toEqual(['p240', 'p241', 'p242', 'p243', 'p244', 'p245', 'p246', 'p247', 'p248', 'p249'])
    expect(wrapper.find('[data-testid=member-more]').exists()).toBe(false)
    await wrapper.get('[data-testid=member-find]').setValue('nobody')
    expect(shown()).toEqual([])
    expect(wrapper.get('[data-testid=member-more]').text()).toBe('Nobody online by that name')

    // A small room needs no search: everyone is shown.
    presence.members = presence.members.slice(0, 100)
    await nextTick()
    expect(wrapper.find('[data-testid=member-find]').exists()).toBe(false)
    expect(shown()).toHaveLength(100)
    expect(wrapper.find('[data-testid=member-more]').exists()).toBe(false)
  })

  it('marks a message with its server id and state, and offers retry for a failed one', async () => {
    const wrapper = mount(MessageItem, {
      props: {
        self: 'ann',
        message: {
          id: 0,
          clientId: 'c1',
          roomId: 'general',
          author: 'ann',
          text: 'hi',
          ts: 0,
          state: 'failed',
          error: 'Offline',
        },
      },
    })
    const root = wrapper.get('[data-testid=message]')
    expect(root.attributes('data-message-id')).toBe('')
    expect(root.attributes('data-state')).toBe('failed')
    expect(wrapper.get('[data-testid=message-author]').text()).toBe('ann')
    await wrapper.get('[data-testid=message-retry]').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('shows a /me message as its author doing it, and a reply to one the same way, as text', () => {
    const base = { clientId: null, roomId: 'general', ts: 0, state: 'sent' as const }
    const action = mount(MessageItem, {
      props: { self: 'ann', message: { id: 1, author: 'bob', text: '/me waves <b>hi</b>', ...base } },
    })
    const text = action.get('[data-testid=message-text]')
    expect(text.attributes('data-action')).toBe('true')
    expect(text.text()).toBe('bob waves <b>hi</b>')
    expect(text.find('b').exists()).toBe(false)
    const reply = mount(MessageItem, {
      props: {
        self: 'ann',
        message: { id: 2, author: 'ann', text: 'hi!', replyTo: { id: 1, author: 'bob', text: '/me waves' }, ...base },
      },
    })
    expect(reply.get('.message__quote-text').text()).toBe('bob waves')
  })

  it('offers edit and delete on one’s own stored messages only, and marks edited and deleted ones', () => {
    const base = { clientId: null, roomId: 'general', text: '<b>hi</b>', ts: 0, state: 'sent' as const }
    const item = (message: Partial<ShownMessage>) =>
      mount(MessageItem, { props: { self: 'ann', message: { id: 1, author: 'ann', ...base, ...message } } })
    const actions = (wrapper: ReturnType<typeof item>) =>
      wrapper.findAll('[data-testid=message-edit], [data-testid=message-delete]').length

    expect(actions(item({}))).toBe(2)
    // One's own whatever the case it was written under, as the server decides.
    expect(actions(item({ author: 'ANN' }))).toBe(2)
    expect(actions(item({ author: 'bob' }))).toBe(0)
    expect(actions(item({ id: 0, state: 'pending' }))).toBe(0)

    // A few emoji alone show large; with words, as text.
    expect(item({ text: '🎉 👍🏽' }).get('[data-testid=message-text]').attributes('data-emoji-only')).toBe('true')
    expect(item({ text: 'yes 👍' }).get('[data-testid=message-text]').attributes('data-emoji-only')).toBeUndefined()

    const edited = item({ editedAt: 5, rev: 1 })
    expect(edited.get('[data-testid=message-edited]').text()).toBe('(edited)')
    expect(edited.get('[data-testid=message-text]').text()).toBe('<b>hi</b>')

    const deleted = item({ text: '', deletedAt: 6, rev: 2 })
    expect(deleted.get('[data-testid=message]').attributes('data-deleted')).toBe('true')
    expect(deleted.get('[data-testid=message-text]').text()).toBe('Message deleted')
    expect(actions(deleted)).toBe(0)
  })

  it('shows a reply’s quote as text, offers Reply on every stored message, and marks replies to the reader', () => {
    const base = { clientId: null, roomId: 'general', ts: 0, state: 'sent' as const }
    const item = (message: Partial<ShownMessage>) =>
      mount(MessageItem, {
        props: { self: 'ann', message: { id: 2, author: 'bob', text: 'yes', ...base, ...message } },
      })
    const reply = item({ replyTo: { id: 1, author: 'Ann', text: '<img src=x onerror=alert(1)>' } })
    const quote = reply.get('[data-testid=message-quote]')
    expect(quote.get('.message__quote-author').text()).toBe('Ann')
    expect(quote.get('.message__quote-text').text()).toBe('<img src=x onerror=alert(1)>')
    expect(quote.attributes('aria-label')).toBe('In reply to Ann: <img src=x onerror=alert(1)>')
    expect(quote.find('img').exists()).toBe(false)
    // A reply to one of Ann's messages is addressed to her, as a mention is.
    expect(reply.get('[data-testid=message]').attributes('data-mention')).toBe('true')
    expect(
      item({ replyTo: { id: 1, author: 'cy', text: 'x' } })
        .get('[data-testid=message]')
        .attributes(),
    ).not.toHaveProperty('data-mention')

    expect(item({}).findAll('[data-testid=message-reply]')).toHaveLength(1)
    expect(item({ author: 'ann' }).findAll('[data-testid=message-reply]')).toHaveLength(1)
    expect(item({ id: 0, state: 'pending' }).findAll('[data-testid=message-reply]')).toHaveLength(0)
    expect(item({ text: '', deletedAt: 6, rev: 2 }).findAll('[data-testid=message-reply]')).toHaveLength(0)
    // Where only moderators post, nobody else is offered a reply.
    const readOnly = mount(MessageItem, {
      props: { self: 'ann', posting: false, message: { id: 2, author: 'bob', text: 'news', ...base } },
    })
    expect(readOnly.findAll('[data-testid=message-reply]')).toHaveLength(0)
    expect(readOnly.findAll('[data-testid=message-pin]')).toHaveLength(0)
    expect(readOnly.findAll('[data-testid=message-react]')).toHaveLength(1)
    const gone = item({ replyTo: { id: 1, author: 'cy', text: '', deleted: true } })
    expect(gone.get('[data-testid=message-quote]').attributes('aria-label')).toBe('In reply to cy: Message deleted')
  })

  it('formats code and emphasis as elements holding text, links inside them still links', () => {
    const message: ShownMessage = {
      id: 2,
      clientId: null,
      roomId: 'general',
      author: 'bob',
      text: '**see https://example.com/a** and `<img src=x onerror=alert(1)>`\n```\nnpm test\n```',
      ts: 0,
      state: 'sent',
    }
    const wrapper = mount(MessageItem, { props: { self: 'ann', message } })
    const body = wrapper.get('[data-testid=message-text]')
    expect(body.get('strong a').attributes('href')).toBe('https://example.com/a')
    expect(body.get('code.message__inline-code').text()).toBe('<img src=x onerror=alert(1)>')
    expect(body.find('img').exists()).toBe(false)
    expect(body.get('[data-testid=message-code]').text()).toBe('npm test')
  })

  it('shows the @names of people known apart, the reader’s own strongest, as text; @room only where it calls everyone', async () => {
    const presence = usePresenceStore()
    presence.hydrate('ann', [
      { name: 'ann', transport: 'websocket' },
      { name: 'Bob Lee', transport: 'polling' },
    ])
    const base = { clientId: null, roomId: 'general', author: 'Bob Lee', ts: 0, state: 'sent' as const }
    const item = (text: string, everyone?: true) =>
      mount(MessageItem, { props: { self: 'ann', message: { id: 1, text, ...base, ...(everyone && { everyone }) } } })
    const pills = (wrapper: ReturnType<typeof item>) =>
      wrapper.findAll('[data-testid=message-mention]').map((pill) => [pill.text(), pill.attributes('data-you') ?? ''])

    const wrapper = item('**@ANN** ask @bob lee and @carol <b>x</b> https://x.lan/@ann')
    expect(pills(wrapper)).toEqual([
      ['@ANN', 'true'],
      ['@bob lee', ''],
    ])
    const body = wrapper.get('[data-testid=message-text]')
    expect(body.text()).toBe('@ANN ask @bob lee and @carol <b>x</b> https://x.lan/@ann')
    expect(body.get('strong [data-testid=message-mention]').text()).toBe('@ANN')
    expect(body.get('a').attributes('href')).toBe('https://x.lan/@ann')
    expect(body.find('b').exists()).toBe(false)

    // Someone heard of later (they come online, or a message of theirs loads): their @name shows apart then.
    presence.learnName('Carol')
    await nextTick()
    expect(pills(wrapper).map(([text]) => text)).toEqual(['@ANN', '@bob lee', '@carol'])

    expect(pills(item('@room lunch', true))).toEqual([['@room', 'true']])
    expect(pills(item('@room lunch'))).toEqual([])
    // Outside a message (a room's topic, a server's line) the text stays as it is.
    expect(
      mount(LinkifiedText, { props: { text: 'ask @ann' } })
        .find('[data-testid=message-mention]')
        .exists(),
    ).toBe(false)
  })

  it('shows reactions with their counts and who gave them, pressed where the reader gave one', () => {
    const message: ShownMessage = {
      id: 2,
      clientId: null,
      roomId: 'general',
      author: 'bob',
      text: 'shipped',
      ts: 0,
      state: 'sent',
      reactions: [
        { emoji: '🎉', names: ['bob', 'ANN'] },
        { emoji: '👍', names: ['cy'] },
      ],
    }
    const wrapper = mount(MessageItem, { props: { self: 'ann', message } })
    const chips = wrapper.findAll('[data-testid=message-reaction]')
    expect(chips.map((chip) => chip.text())).toEqual(['🎉 2', '👍 1'])
    expect(chips.map((chip) => chip.attributes('aria-pressed'))).toEqual(['true', 'false'])
    expect(chips[0]!.attributes('title')).toBe('bob, ANN')
    const deleted = mount(MessageItem, { props: { self: 'ann', message: { ...message, deletedAt: 1, text: '' } } })
    expect(deleted.findAll('[data-testid=message-reaction]')).toHaveLength(0)
  })

  it('keeps the notification level and its sound as chosen, for the next start too', async () => {
    const preferences = usePreferencesStore()
    await preferences.load()
    const wrapper = mount(NotifyLevel)
    const select = wrapper.get('[data-testid=notify-level]')
    expect((select.element as HTMLSelectElement).value).toBe('mentions')
    const sound = wrapper.get('[data-testid=notify-sound]')
    expect((sound.element as HTMLInputElement).checked).toBe(true)
    await select.setValue('none')
    await sound.setValue(false)
    expect(preferences.notifyFor).toBe('none')
    expect(preferences.sound).toBe(false)
    await flushPromises()

    setActivePinia(createPinia())
    const next = usePreferencesStore()
    await next.load()
    expect(next.notifyFor).toBe('none')
    expect(next.sound).toBe(false)
    localStorage.clear()
  })

  it('names who is typing in the room in view only', async () => {
    const presence = usePresenceStore()
    presence.typing = { general: ['bob', 'cy'], other: ['dee'] }
    const wrapper = mount(TypingLine)
    expect(wrapper.text()).toBe('bob and cy are typing…')
    useRoomsStore().activeRoomId = 'other'
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toBe('dee is typing…')
  })

  it('hides the server field in a browser, and shows it in the desktop app with the servers joined before and hosting', async () => {
    const browser = mount(JoinScreen)
    expect(browser.get('[data-testid=join-server]').element.closest('label')!.hidden).toBe(true)
    expect(browser.find('[data-testid=join-recent-server]').exists()).toBe(false)
    expect(browser.find('[data-testid=host-panel]').exists()).toBe(false)
    browser.unmount()

    window.parley = fakeBridge()
    const desktop = mount(JoinScreen)
    await vi.waitFor(() =>
      expect((desktop.get('[data-testid=join-server]').element as HTMLInputElement).value).toBe('http://10.0.0.5:3000'),
    )
    expect((desktop.get('[data-testid=join-name]').element as HTMLInputElement).value).toBe('Desk')
    // The servers joined before, one click each.
    const recent = desktop.findAll('[data-testid=join-recent-server]')
    expect(recent.map((button) => [button.text(), button.attributes('aria-pressed')])).toEqual([
      ['10.0.0.5:3000', 'true'],
      ['192.168.7.2:3000', 'false'],
    ])
    await recent[1]!.trigger('click')
    expect((desktop.get('[data-testid=join-server]').element as HTMLInputElement).value).toBe('http://192.168.7.2:3000')
    await desktop.get('[data-testid=host-start]').trigger('click')
    await vi.waitFor(() => expect(desktop.get('[data-testid=host-urls]').text()).toContain('http://10.0.0.5:3000/'))
    // Phones join by scanning it.
    expect(desktop.get('[data-testid=qr-code]').attributes('data-text')).toBe('http://10.0.0.5:3000/')
    // And the app finds it on the LAN by itself.
    expect(desktop.get('[data-testid=host-announced]').text()).toMatch(/On this network/)
    expect((desktop.get('[data-testid=join-server]').element as HTMLInputElement).value).toBe('http://127.0.0.1:3000')
  })

  it('lists the servers heard on the LAN as they come and go; one click fills the server field', async () => {
    const bridge = fakeBridge()
    let announce: (servers: FoundServer[]) => void = () => {}
    const stopListening = vi.fn()
    const office = { name: 'Office', url: 'http://10.0.0.7:3000', password: false, version: '0.1.0' }
    const lab = {
      name: 'Lab <b>2</b>',
      url: 'http://10.0.0.8:3001',
      password: true,
      version: '0.1.0',
      about: 'Room 2.14 <i>',
    }
    bridge.findServers = vi.fn(() => Promise.resolve({ data: [office] }))
    bridge.onServersFound = vi.fn((callback: (servers: FoundServer[]) => void) => {
      announce = callback
      return stopListening
    })
    window.parley = bridge
    const desktop = mount(JoinScreen)
    const found = () => desktop.findAll('[data-testid=join-found-server]')
    await vi.waitFor(() => expect(found().map((button) => button.text())).toEqual(['Office']))
    await found()[0]!.trigger('click')
    expect((desktop.get('[data-testid=join-server]').element as HTMLInputElement).value).toBe('http://10.0.0.7:3000')
    expect(found()[0]!.attributes('aria-pressed')).toBe('true')

    // A server that comes is listed at once, its name as text, and a lock if it needs a password.
    announce([lab, office])
    await nextTick()
    expect(found().map((button) => [button.text(), button.attributes('data-url')])).toEqual([
      ['Lab <b>2</b> 🔒', 'http://10.0.0.8:3001'],
      ['Office', 'http://10.0.0.7:3000'],
    ])
    // Its address on hover, and its --about line under it.
    expect(found()[0]!.attributes('title')).toBe('http://10.0.0.8:3001 · needs a password\nRoom 2.14 <i>')
    expect(found()[1]!.attributes('title')).toBe('http://10.0.0.7:3000')
    // One that goes leaves the list; with none left the list goes too.
    announce([])
    await nextTick()
    expect(desktop.find('[data-testid=join-found-servers]').exists()).toBe(false)
    desktop.unmount()
    expect(stopListening).toHaveBeenCalled()
  })

  it('asks the LAN again while the join screen is open, less and less often, and not once it closes', async () => {
    vi.useFakeTimers()
    try {
      const bridge = fakeBridge()
      const office = { name: 'Office', url: 'http://10.0.0.7:3000', password: false, version: '0.1.0' }
      const answers = [[office], [office], []]
      const findServers = vi.fn(() => Promise.resolve({ data: answers.shift() ?? [] }))
      bridge.findServers = findServers
      window.parley = bridge
      const desktop = mount(JoinScreen)
      const found = () => desktop.findAll('[data-testid=join-found-server]').map((button) => button.text())
      // Not vi.waitFor: with fake timers it moves the clock itself.
      await flushPromises()
      expect(found()).toEqual(['Office'])
      let asked = 1
      for (const wait of REASK_AFTER_MS) {
        expect(findServers).toHaveBeenCalledTimes(asked)
        await vi.advanceTimersByTimeAsync(wait - 1)
        expect(findServers).toHaveBeenCalledTimes(asked)
        await vi.advanceTimersByTimeAsync(1)
        expect(findServers).toHaveBeenCalledTimes(++asked)
      }
      // The third answer no longer had it (it crashed): it left the list.
      expect(found()).toEqual([])
      await vi.advanceTimersByTimeAsync(60_000)
      expect(findServers).toHaveBeenCalledTimes(++asked)
      desktop.unmount()
      await vi.advanceTimersByTimeAsync(10 * 60_000)
      expect(findServers).toHaveBeenCalledTimes(asked)
    } finally {
      vi.useRealTimers()
    }
  })
})
