import { join } from 'node:path'
import { BrowserWindow, screen, shell } from 'electron'
import { APP_INDEX_URL } from './app-scheme'
import { guardNavigation } from './navigation-guard'
import { mainWindowOptions } from './window-options'
import { restoreWindowState, saveWindowState } from './window-state'

export interface MainWindowPaths {
  preload: string
  userData: string
  devServerUrl: string | undefined
}

/** The one window: secure options, remembered bounds, guarded navigation. */
export function createMainWindow(paths: MainWindowPaths, isAppUrl: (url: string) => boolean): BrowserWindow {
  const stateFile = join(paths.userData, 'window-state.json')
  const displays = screen.getAllDisplays().map((display) => display.workArea)
  const { bounds, maximized } = restoreWindowState(stateFile, displays)
  const window = new BrowserWindow(mainWindowOptions(bounds, paths.preload))
  guardNavigation(window.webContents, isAppUrl, shell)

  window.once('ready-to-show', () => {
    if (maximized) window.maximize()
    window.show()
  })
  window.on('close', () => {
    saveWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() })
  })
  void window.loadURL(paths.devServerUrl ?? APP_INDEX_URL)
  return window
}
