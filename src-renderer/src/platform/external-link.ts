import { desktopBridge } from './bridge'
import { isSafeLink } from '../lib/linkify'

/** Opens an http(s) link outside the app: the system browser, or a new tab with no opener. */
export function openInBrowser(url: string): void {
  if (!isSafeLink(url)) return
  const bridge = desktopBridge()
  if (bridge) void bridge.openInBrowser(url)
  else window.open(url, '_blank', 'noopener,noreferrer')
}
