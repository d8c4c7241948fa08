import { describe, expect, it, vi } from 'vitest'
import { guardNavigation } from '../../src-main/navigation-guard'
import { installPermissionHandlers } from '../../src-main/permissions'
import { createAppUrlCheck } from '../../src-main/trusted-origins'
import { safeExternalUrl } from '../../src-main/external-links'
import { resolveAppFile } from '../../src-main/app-scheme'

const isAppUrl = createAppUrlCheck(undefined)

type Listener = (event: { preventDefault: () => void }, url: string) => void

function fakeWebContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  return {
    contents: {
      on: (event: string, listener: Listener) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    },
    fire(event: string, url = '') {
      const preventDefault = vi.fn()
      listeners.get(event)!({ preventDefault }, url)
      return preventDefault.mock.calls.length > 0
    },
    open: (url: string) => openHandler!({ url }),
  }
}

describe('navigation guard', () => {
  it('cancels navigation and redirects away from the app, and never attaches a webview', () => {
    const web = fakeWebContents()
    guardNavigation(web.contents as never, isAppUrl, { openExternal: vi.fn(async () => {}) })
    expect(web.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(web.fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(web.fire('will-navigate', 'parley://app/index.html')).toBe(false)
    expect(web.fire('will-redirect', 'http://10.0.0.1/')).toBe(true)
    expect(web.fire('will-attach-webview')).toBe(true)
  })

  it('denies every new window, sending only http(s) links to the system browser', async () => {
    const web = fakeWebContents()
    const shell = { openExternal: vi.fn(async () => {}) }
    guardNavigation(web.contents as never, isAppUrl, shell)
    expect(web.open('https://example.com/a')).toEqual({ action: 'deny' })
    expect(web.open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(web.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledTimes(1))
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/a')
  })

  it('accepts the dev server only when the app was started with one', () => {
    expect(isAppUrl('http://localhost:5173/')).toBe(false)
    expect(createAppUrlCheck('http://localhost:5173')('http://localhost:5173/index.html')).toBe(true)
    expect(isAppUrl('not a url')).toBe(false)
  })
})

describe('permissions', () => {
  it('grants notifications and writing to the clipboard to the app, and nothing else to anyone', () => {
    let requestHandler: (...args: unknown[]) => void = () => {}
    let checkHandler: (...args: unknown[]) => boolean = () => true
    installPermissionHandlers(
      {
        setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
        setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
      } as never,
      isAppUrl,
    )
    const ask = (permission: string, url: string) => {
      const callback = vi.fn()
      requestHandler({ getURL: () => url }, permission, callback, { requestingUrl: url })
      return callback.mock.calls[0]![0] as boolean
    }
    expect(ask('notifications', 'parley://app/index.html')).toBe(true)
    expect(ask('clipboard-sanitized-write', 'parley://app/index.html')).toBe(true)
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(ask(permission, 'parley://app/index.html')).toBe(false)
    }
    expect(ask('notifications', 'https://evil.example/')).toBe(false)
    expect(checkHandler(null, 'notifications', 'parley://app')).toBe(true)
    expect(checkHandler(null, 'media', 'parley://app')).toBe(false)
  })
})

describe('external links', () => {
  it.each([
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['HTTP://Example.com', 'http://example.com/'],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['smb://host/share', null],
    ['https://user:pass@example.com/', null],
    [42, null],
  ])('%s → %s', (input, expected) => {
    expect(safeExternalUrl(input)).toBe(expected)
  })
})

describe('app scheme', () => {
  it('serves files inside the renderer folder only', () => {
    expect(resolveAppFile('/app/renderer', 'parley://app/')).toBe('/app/renderer/index.html')
    expect(resolveAppFile('/app/renderer', 'parley://app/assets/a.js')).toBe('/app/renderer/assets/a.js')
    expect(resolveAppFile('/app/renderer', 'parley://app/..%2f..%2fetc/passwd')).toBeNull()
    // The URL parser resolves dot segments itself, so they stay inside the root.
    expect(resolveAppFile('/app/renderer', 'parley://app/%2e%2e/secret')).toBe('/app/renderer/secret')
    expect(resolveAppFile('/app/renderer', 'parley://other/index.html')).toBeNull()
    expect(resolveAppFile('/app/renderer', 'parley://app/%00')).toBeNull()
    expect(resolveAppFile('/app/renderer', 'parley://app/%E0%A4%A')).toBeNull()
  })
})
