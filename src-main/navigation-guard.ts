import type { WebContents } from 'electron'
import { openExternalSafely, type ExternalOpener } from './external-links'

/**
 * The window only ever shows the app: navigation elsewhere is cancelled,
 * new windows are denied (http(s) links go to the system browser instead),
 * and <webview> cannot be attached.
 */
export function guardNavigation(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  isAppUrl: (url: string) => boolean,
  shell: ExternalOpener,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(shell, url)
    return { action: 'deny' }
  })
}
