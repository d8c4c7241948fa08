import { join } from 'node:path'
import { BrowserWindow, nativeTheme, screen, shell } from 'electron'
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
  // webPreferences are spelled out here, where the window is made, so reviewers
  // and scanners (electronegativity) see them at a glance.
  const window = new BrowserWindow({
    ...mainWindowOptions(bounds, nativeTheme.shouldUseDarkColors),
    webPreferences: {
      preload: paths.preload,
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
    },
  })
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
