import type { BrowserWindowConstructorOptions } from 'electron'
import type { WindowBounds } from './window-state'

/** Size and look of the main window; its webPreferences are in main-window.ts. */
export function mainWindowOptions(bounds: WindowBounds): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    // As narrow as a phone: below 760 px the sidebar becomes a drawer.
    minWidth: 360,
    minHeight: 420,
    show: false,
    title: 'Parley',
    autoHideMenuBar: true,
    backgroundColor: '#f6f7f9',
  }
}
