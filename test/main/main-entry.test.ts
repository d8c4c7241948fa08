import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS } from '../../protocol'

/** A stand-in for the parts of Electron the main process touches. */
const electron = vi.hoisted(() => {
  const state = {
    lock: true,
    dark: false,
    userData: '',
    windows: [] as Array<{
      options: Record<string, unknown>
      loaded: string[]
      webContents: Record<string, unknown>
      emit: (event: string) => void
      flashFrame: ReturnType<typeof vi.fn>
      show: ReturnType<typeof vi.fn>
    }>,
    ipcChannels: [] as string[],
    ipcHandlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    notifications: [] as Array<{
      options: Record<string, unknown>
      show: ReturnType<typeof vi.fn>
      emit: (event: string) => void
    }>,
    schemeHandler: undefined as undefined | ((request: { url: string }) => Promise<Response>),
  }
  const app = {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    getPath: vi.fn(() => state.userData),
    getVersion: vi.fn(() => '0.1.0'),
    isPackaged: true,
    on: vi.fn(),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
  }
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn() }
    loaded: string[] = []
    constructor(public options: Record<string, unknown>) {
      state.windows.push(this)
    }
    private listeners = new Map<string, () => void>()
    once = vi.fn()
    on = vi.fn((event: string, listener: () => void) => this.listeners.set(event, listener))
    emit = (event: string): void => this.listeners.get(event)?.()
    getNormalBounds = () => ({ x: 120, y: 90, width: 900, height: 640 })
    isMaximized = () => false
    loadURL = vi.fn(async (url: string) => void this.loaded.push(url))
    isFocused = () => false
    flashFrame = vi.fn()
    show = vi.fn()
    focus = vi.fn()
  }
  return {
    state,
    module: {
      app,
      BrowserWindow,
      nativeTheme: {
        get shouldUseDarkColors() {
          return state.dark
        },
      },
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(),
        handle: vi.fn((_scheme: string, handler: typeof state.schemeHandler) => (state.schemeHandler = handler)),
      },
      ipcMain: {
        handle: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => {
          state.ipcChannels.push(channel)
          state.ipcHandlers.set(channel, handler)
        }),
      },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      shell: { openExternal: vi.fn() },
      powerMonitor: { getSystemIdleTime: vi.fn(() => 0) },
      Notification: Object.assign(
        class {
          show = vi.fn()
          private listeners = new Map<string, () => void>()
          on = (event: string, listener: () => void) => this.listeners.set(event, listener)
          emit = (event: string): void => this.listeners.get(event)?.()
          constructor(public options: Record<string, unknown>) {
            state.notifications.push(this)
          }
        },
        { isSupported: () => true },
      ),
    },
  }
})

vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

describe('main process entry', () => {
  beforeEach(() => {
    vi.resetModules()
    vi.clearAllMocks()
    electron.state.userData = mkdtempSync(join(tmpdir(), 'parley-main-'))
    electron.state.windows = []
    electron.state.ipcChannels = []
    electron.state.ipcHandlers.clear()
    electron.state.notifications = []
    electron.state.lock = true
    electron.state.dark = false
  })
  afterEach(() => rmSync(electron.state.userData, { recursive: true, force: true }))

  it('turns on the sandbox, registers the app scheme, and opens one secure window on it', async () => {
    await import('../../src-main/index')
    await vi.waitFor(() => expect(electron.state.windows).toHaveLength(1))
    const { app, protocol, session } = electron.module

    expect(app.enableSandbox).toHaveBeenCalled()
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'parley', privileges: { standard: true, supportFetchAPI: true } },
    ])
    const [window] = electron.state.windows
    // Electron's security checklist, as the window is really made.
    expect(window!.options['webPreferences']).toEqual({
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    })
    expect(window!.options).toMatchObject({ show: false, minWidth: 360 })
    expect(window!.loaded).toEqual(['parley://app/index.html'])
    expect(window!.webContents['setWindowOpenHandler']).toHaveBeenCalled()
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
    expect(electron.state.ipcChannels.sort()).toEqual(
      Object.values(IPC_CHANNELS)
        // Sent to the page, not asked for by it.
        .filter((channel) => channel !== IPC_CHANNELS.notificationClick && channel !== IPC_CHANNELS.serversFound)
        .sort(),
    )
    const escape = await electron.state.schemeHandler!({ url: 'parley://app/..%2f..%2fpackage.json' })
    expect(escape.status).toBe(404)
  })

  it('opens on the background of the page in the system’s appearance, light or dark', async () => {
    const css = readFileSync(join(__dirname, '../../src-renderer/src/styles.css'), 'utf8')
    const light = /^:root \{[^}]*?--bg: (#[0-9a-f]{6});/m.exec(css)?.[1]
    const dark = /prefers-color-scheme: dark\) \{\s*:root \{[^}]*?--bg: (#[0-9a-f]{6});/.exec(css)?.[1]
    expect([light, dark]).toEqual([expect.stringMatching(/^#/), expect.stringMatching(/^#/)])
    for (const [isDark, background] of [
      [false, light],
      [true, dark],
    ] as const) {
      vi.resetModules()
      electron.state.windows = []
      electron.state.dark = isDark
      await import('../../src-main/index')
      await vi.waitFor(() => expect(electron.state.windows).toHaveLength(1))
      expect(electron.state.windows[0]!.options['backgroundColor']).toBe(background)
    }
  })

  it('remembers the window size and position for the next launch', async () => {
    await import('../../src-main/index')
    await vi.waitFor(() => expect(electron.state.windows).toHaveLength(1))
    expect(electron.state.windows[0]!.options).toMatchObject({ width: 1100, height: 720 })
    electron.state.windows[0]!.emit('close')

    vi.resetModules()
    await import('../../src-main/index')
    await vi.waitFor(() => expect(electron.state.windows).toHaveLength(2))
    expect(electron.state.windows[1]!.options).toMatchObject({ x: 120, y: 90, width: 900, height: 640 })
  })

  it('shows a notification silently, the page’s chime being the only sound, and opens its message on a click', async () => {
    await import('../../src-main/index')
    await vi.waitFor(() => expect(electron.state.windows).toHaveLength(1))
    const fromApp = { senderFrame: { url: 'parley://app/index.html', parent: null } }
    const notify = electron.state.ipcHandlers.get(IPC_CHANNELS.notify)!
    const payload = { title: 'Ann in #general', body: 'lunch?', roomId: 'general', messageId: 7 }
    expect(await notify(fromApp, payload)).toEqual({ data: null })

    const [notification] = electron.state.notifications
    expect(notification!.options).toEqual({ title: 'Ann in #general', body: 'lunch?', silent: true })
    expect(notification!.show).toHaveBeenCalled()
    // In the background, the window asks for attention too.
    const [window] = electron.state.windows
    expect(window!.flashFrame).toHaveBeenCalledWith(true)
    notification!.emit('click')
    expect(window!.show).toHaveBeenCalled()
    expect(window!.webContents['send']).toHaveBeenCalledWith(IPC_CHANNELS.notificationClick, {
      roomId: 'general',
      messageId: 7,
    })

    // One about a room alone opens the room: no message id travels back.
    expect(await notify(fromApp, { title: 'Not sent', body: 'why', roomId: 'lab' })).toEqual({ data: null })
    electron.state.notifications[1]!.emit('click')
    expect(window!.webContents['send']).toHaveBeenLastCalledWith(IPC_CHANNELS.notificationClick, { roomId: 'lab' })
  })

  it('quits at once when another instance already runs', async () => {
    electron.state.lock = false
    await import('../../src-main/index')
    expect(electron.module.app.quit).toHaveBeenCalled()
    expect(electron.module.app.whenReady).not.toHaveBeenCalled()
    expect(electron.state.windows).toHaveLength(0)
  })
})
