import { desktopBridge } from './bridge'
import { isSafeLink } from '../lib/linkify'

/** Opens an http(s) link outside the app: the system browser, or a new tab with no opener. */
export function openInBrowser(url: string): void {
  if (!isSafeLink(url)) return
  const bridge = desktopBridge()
  if (bridge) void bridge.openInBrowser(url)
  else window.open(url, '_blank', 'noopener,noreferrer')
}

/**
 * A click on a file's link: a browser downloads it as any link; the desktop
 * app, which downloads nothing itself, hands it to the system browser.
 */
export function openFileLink(event: MouseEvent, url: string): void {
  if (!desktopBridge()) return
  event.preventDefault()
  openInBrowser(url)
}
