import type { BrowserWindowConstructorOptions } from 'electron'
import type { WindowBounds } from './window-state'

/** Size and look of the main window; its webPreferences are in main-window.ts. */
export function mainWindowOptions(bounds: WindowBounds): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Parley',
    autoHideMenuBar: true,
    backgroundColor: '#f6f7f9',
  }
}
