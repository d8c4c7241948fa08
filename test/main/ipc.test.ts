import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS } from '../../protocol'
import { registerIpcHandlers, type IpcSender } from '../../src-main/ipc'
import { createSettingsStore } from '../../src-main/settings-store'
import { createAppUrlCheck } from '../../src-main/trusted-origins'
import type { EmbeddedHost } from '../../src-main/embedded-server'
import { createNetworkLinkManager, type NetworkLinkManager } from '../../src-main/network-link'
import { createOutboxStore } from '../../src-main/outbox-store'

type Handler = (event: IpcSender, ...args: unknown[]) => Promise<unknown>

const appFrame: IpcSender = { senderFrame: { url: 'parley://app/index.html', parent: null } }

describe('IPC handlers', () => {
  let dir: string
  let handlers: Map<string, Handler>
  let links: NetworkLinkManager
  const shell = { openExternal: vi.fn(async () => {}) }
  const notify = vi.fn()
  const setUnread = vi.fn()
  const host: EmbeddedHost = {
    start: vi.fn(async () => ({ localUrl: 'http://127.0.0.1:3000', lanUrls: [], port: 3000 })),
    stop: vi.fn(async () => {}),
    current: vi.fn(() => null),
  }
  const call = (channel: string, event: IpcSender, ...args: unknown[]) => handlers.get(channel)!(event, ...args)

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-ipc-'))
    handlers = new Map()
    links = createNetworkLinkManager()
    registerIpcHandlers(
      { handle: (channel, listener) => handlers.set(channel, listener) },
      {
        version: '1.2.3',
        settings: createSettingsStore(join(dir, 'settings.json')),
        host,
        links,
        outbox: createOutboxStore(join(dir, 'outbox.json')),
        shell,
        notify,
        setUnread,
        idleSeconds: () => 42,
        findServers: () => [{ name: 'Office', url: 'http://10.0.0.5:3000', password: false, version: '0.1.0' }],
        isAppUrl: createAppUrlCheck(undefined),
      },
    )
  })
  afterEach(async () => {
    await links.close()
    rmSync(dir, { recursive: true, force: true })
    vi.clearAllMocks()
  })

  it('registers one handler per bridge operation', () => {
    expect([...handlers.keys()].sort()).toEqual(
      Object.values(IPC_CHANNELS)
        // Sent to the page, not asked for by it.
        .filter((channel) => channel !== IPC_CHANNELS.notificationClick && channel !== IPC_CHANNELS.serversFound)
        .sort(),
    )
  })

  it('passes a whole, non-negative unread count to the dock or taskbar, and refuses anything else', async () => {
    expect(await call(IPC_CHANNELS.setUnreadCount, appFrame, 3)).toEqual({ data: null })
    expect(setUnread).toHaveBeenCalledWith(3)
    for (const bad of [-1, 1.5, '3', null, 1e9]) {
      expect(await call(IPC_CHANNELS.setUnreadCount, appFrame, bad)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
    expect(setUnread).toHaveBeenCalledTimes(1)
  })

  it('tells the app how long the computer has had no input, and takes no payload for it', async () => {
    expect(await call(IPC_CHANNELS.getIdleSeconds, appFrame)).toEqual({ data: 42 })
    expect(await call(IPC_CHANNELS.getIdleSeconds, appFrame, 'x')).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })

  it('lists the servers heard on the LAN, and takes no payload for it', async () => {
    expect(await call(IPC_CHANNELS.findServers, appFrame)).toEqual({
      data: [{ name: 'Office', url: 'http://10.0.0.5:3000', password: false, version: '0.1.0' }],
    })
    expect(await call(IPC_CHANNELS.findServers, appFrame, {})).toMatchObject({ error: 'INVALID_PAYLOAD' })
  })

  it('answers only the app’s own top-level frame', async () => {
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } }
    const subframe = { senderFrame: { url: 'parley://app/index.html', parent: {} } }
    const gone = { senderFrame: null }
    for (const event of [foreign, subframe, gone]) {
      expect(await call(IPC_CHANNELS.getVersion, event)).toEqual({
        error: 'FORBIDDEN',
        message: 'IPC is only answered for the app itself',
      })
    }
    expect(await call(IPC_CHANNELS.hostServer, foreign, {})).toMatchObject({ error: 'FORBIDDEN' })
    expect(host.start).not.toHaveBeenCalled()
    expect(await call(IPC_CHANNELS.getVersion, appFrame)).toEqual({ data: '1.2.3' })
  })

  it('persists settings in the user-data folder, and validates what it is given', async () => {
    expect(await call(IPC_CHANNELS.getSettings, appFrame)).toEqual({
      data: {
        serverUrl: '',
        displayName: '',
        notifyFor: 'mentions',
        sound: true,
        pausedUntil: 0,
        sendWithCtrl: false,
        recentServers: [],
      },
    })
    expect(
      await call(IPC_CHANNELS.saveSettings, appFrame, { serverUrl: 'http://10.1.2.3:3000', displayName: 'Ann' }),
    ).toEqual({
      data: {
        serverUrl: 'http://10.1.2.3:3000',
        displayName: 'Ann',
        notifyFor: 'mentions',
        sound: true,
        pausedUntil: 0,
        sendWithCtrl: false,
        recentServers: ['http://10.1.2.3:3000'],
      },
    })
    expect(
      await call(IPC_CHANNELS.saveSettings, appFrame, {
        notifyFor: 'all',
        sound: false,
        pausedUntil: 1_800_000_000_000,
        sendWithCtrl: true,
      }),
    ).toMatchObject({ data: { notifyFor: 'all', sound: false, pausedUntil: 1_800_000_000_000, sendWithCtrl: true } })
    // Each server joined goes first among the recent ones, once, and the oldest of five goes.
    for (const last of [4, 5, 6, 7, 8, 5]) {
      await call(IPC_CHANNELS.saveSettings, appFrame, { serverUrl: `http://10.1.2.${last}:3000` })
    }
    await call(IPC_CHANNELS.saveSettings, appFrame, { serverUrl: 'http://10.1.2.3:3000' })
    // A second store on the same file: what the next launch sees.
    expect(createSettingsStore(join(dir, 'settings.json')).get()).toEqual({
      serverUrl: 'http://10.1.2.3:3000',
      displayName: 'Ann',
      notifyFor: 'all',
      sound: false,
      pausedUntil: 1_800_000_000_000,
      sendWithCtrl: true,
      recentServers: [3, 5, 8, 7, 6].map((last) => `http://10.1.2.${last}:3000`),
    })

    for (const bad of [
      { serverUrl: 'javascript:alert(1)' },
      { displayName: 5 },
      { notifyFor: 'loud' },
      { sound: 'yes' },
      { pausedUntil: -1 },
      { pausedUntil: 'soon' },
      { sendWithCtrl: 'yes' },
      // Only the app's own record of the servers joined writes these.
      { recentServers: ['http://evil.example'] },
      { extra: true },
      'text',
    ]) {
      expect(await call(IPC_CHANNELS.saveSettings, appFrame, bad)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
    expect(createSettingsStore(join(dir, 'settings.json')).get().serverUrl).toBe('http://10.1.2.3:3000')
  })

  it('reads a damaged settings file as defaults', () => {
    writeFileSync(join(dir, 'broken.json'), '{ not json')
    expect(createSettingsStore(join(dir, 'broken.json')).get()).toEqual({
      serverUrl: '',
      displayName: '',
      notifyFor: 'mentions',
      sound: true,
      pausedUntil: 0,
      sendWithCtrl: false,
      recentServers: [],
    })
    writeFileSync(
      join(dir, 'wrong.json'),
      JSON.stringify({
        serverUrl: 7,
        displayName: 'Ann',
        notifyFor: 'loud',
        sound: 'off',
        pausedUntil: 'later',
        sendWithCtrl: 1,
        recentServers: [1],
      }),
    )
    expect(createSettingsStore(join(dir, 'wrong.json')).get()).toEqual({
      serverUrl: '',
      displayName: 'Ann',
      notifyFor: 'mentions',
      sound: true,
      pausedUntil: 0,
      sendWithCtrl: false,
      recentServers: [],
    })
  })

  it('opens only http(s) links externally', async () => {
    expect(await call(IPC_CHANNELS.openInBrowser, appFrame, 'https://example.com/')).toEqual({ data: null })
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/')
    expect(await call(IPC_CHANNELS.openInBrowser, appFrame, 'file:///etc/passwd')).toEqual({
      error: 'INTERNAL',
      message: 'Only http and https links can be opened',
    })
    expect(await call(IPC_CHANNELS.openInBrowser, appFrame, { url: 'https://x' })).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
  })

  it('validates notifications and host options before acting', async () => {
    const notification = { title: 'Ann', body: 'hi', roomId: 'general', messageId: 3 }
    expect(await call(IPC_CHANNELS.notify, appFrame, notification)).toEqual({ data: null })
    expect(notify).toHaveBeenCalledWith(notification)
    // One about a room, not a message (a scheduled message that could not go).
    const aboutRoom = { title: 'Not sent', body: 'why', roomId: 'lab' }
    expect(await call(IPC_CHANNELS.notify, appFrame, aboutRoom)).toEqual({ data: null })
    expect(notify).toHaveBeenLastCalledWith(aboutRoom)
    for (const bad of [
      { ...notification, title: 'x'.repeat(201) },
      { ...notification, messageId: '3' },
    ]) {
      expect(await call(IPC_CHANNELS.notify, appFrame, bad)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
    expect(await call(IPC_CHANNELS.hostServer, appFrame, { port: 99999 })).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(await call(IPC_CHANNELS.hostServer, appFrame, {})).toEqual({
      data: { localUrl: 'http://127.0.0.1:3000', lanUrls: [], port: 3000 },
    })
    expect(await call(IPC_CHANNELS.stopHosting, appFrame)).toEqual({ data: null })
    expect(host.stop).toHaveBeenCalledTimes(1)
  })

  it('opens a netsim link to the chosen server and switches its profile, refusing bad ones clearly', async () => {
    expect(await call(IPC_CHANNELS.setLinkProfile, appFrame, 'offline')).toEqual({
      error: 'INTERNAL',
      message: 'No network link is open: join a server first',
    })
    const opened = await call(IPC_CHANNELS.openLink, appFrame, 'http://127.0.0.1:9/')
    expect(opened).toEqual({ data: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), profile: 'clean' } })
    expect(await call(IPC_CHANNELS.setLinkProfile, appFrame, 'block-websocket')).toMatchObject({
      data: { profile: 'block-websocket' },
    })
    expect(await call(IPC_CHANNELS.setLinkProfile, appFrame, 'warp-speed')).toEqual({
      error: 'INVALID_PAYLOAD',
      message: expect.stringMatching(/^unknown profile "warp-speed"/),
    })
    // The same server keeps its link; its profile stays as it was.
    expect(await call(IPC_CHANNELS.openLink, appFrame, 'http://127.0.0.1:9')).toEqual({
      data: { url: (opened as { data: { url: string } }).data.url, profile: 'block-websocket' },
    })
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 42]) {
      expect(await call(IPC_CHANNELS.openLink, appFrame, bad)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
  })

  it('keeps each outbox in the user-data folder across restarts, and validates what it saves', async () => {
    const replyTo = { id: 7, author: 'Bob', text: 'lunch?' }
    const file = { id: 'a'.repeat(32), name: 'menu.pdf', size: 1234, type: 'application/pdf' }
    const entry = {
      clientId: 'c1',
      roomId: 'general',
      text: 'typed offline',
      author: 'Ann',
      ts: 1,
      state: 'pending',
      replyTo,
      file,
    }
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, { key: 'http://a|Ann', entries: [entry] })).toEqual({
      data: null,
    })
    expect(createOutboxStore(join(dir, 'outbox.json')).load('http://a|Ann')).toEqual([entry])
    expect(await call(IPC_CHANNELS.loadOutbox, appFrame, 'http://a|Ann')).toEqual({ data: [entry] })
    expect(await call(IPC_CHANNELS.loadOutbox, appFrame, 'http://b|Bob')).toEqual({ data: [] })
    const bad = { key: 'k', entries: [{ ...entry, text: 'x'.repeat(4001) }] }
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, bad)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    const badQuote = { key: 'k', entries: [{ ...entry, replyTo: { ...replyTo, id: -1 } }] }
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, badQuote)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    const badFile = { key: 'k', entries: [{ ...entry, file: { ...file, name: '../../.bashrc' } }] }
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, badFile)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    // A poll asked offline keeps its options; a poll the server would refuse is not kept.
    const poll = { ...entry, clientId: 'c2', text: 'Lunch where?', poll: { options: ['Pizza', 'Sushi'] } }
    delete (poll as Partial<typeof poll>).file
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, { key: 'http://a|Ann', entries: [poll] })).toEqual({
      data: null,
    })
    expect(await call(IPC_CHANNELS.loadOutbox, appFrame, 'http://a|Ann')).toEqual({ data: [poll] })
    const badPoll = { key: 'k', entries: [{ ...poll, poll: { options: ['Only one'] } }] }
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, badPoll)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    // A message passed on offline keeps the copy it shows; one with a copy that is not one is not kept.
    const forwarded = { id: 7, roomId: 'general', author: 'Bob', text: 'the plan', ts: 1_700_000_000_000, file }
    const passing = { ...entry, clientId: 'c3', text: '', forwarded }
    delete (passing as Partial<typeof passing>).file
    delete (passing as Partial<typeof passing>).replyTo
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, { key: 'http://a|Ann', entries: [passing] })).toEqual({
      data: null,
    })
    expect(await call(IPC_CHANNELS.loadOutbox, appFrame, 'http://a|Ann')).toEqual({ data: [passing] })
    const badCopy = { key: 'k', entries: [{ ...passing, forwarded: { ...forwarded, id: 'seven' } }] }
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, badCopy)).toMatchObject({ error: 'INVALID_PAYLOAD' })
    expect(await call(IPC_CHANNELS.saveOutbox, appFrame, { key: 'http://a|Ann', entries: [] })).toEqual({ data: null })
    expect(await call(IPC_CHANNELS.loadOutbox, appFrame, 'http://a|Ann')).toEqual({ data: [] })
  })
})
