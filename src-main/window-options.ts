import type { BrowserWindowConstructorOptions } from 'electron'
import type { WindowBounds } from './window-state'

/**
 * The page's own background (`--bg` in styles.css) in the system's light and
 * dark appearance: the window shows it before the page paints, so opening
 * never flashes another colour.
 */
export const WINDOW_BACKGROUND = { light: '#f6f7f9', dark: '#15181e' } as const

/** Size and look of the main window; its webPreferences are in main-window.ts. */
export function mainWindowOptions(bounds: WindowBounds, dark: boolean): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    // As narrow as a phone: below 760 px the sidebar becomes a drawer.
    minWidth: 360,
    minHeight: 420,
    show: false,
    title: 'Parley',
    autoHideMenuBar: true,
    backgroundColor: dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
  }
}
