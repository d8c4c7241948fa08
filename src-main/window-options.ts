import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'
import type { WindowBounds } from './window-state'

/** Electron's security checklist, as webPreferences. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
    spellcheck: true,
  }
}

export function mainWindowOptions(bounds: WindowBounds, preloadPath: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Parley',
    autoHideMenuBar: true,
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath),
  }
}
