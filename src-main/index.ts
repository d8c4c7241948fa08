import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, ipcMain, Notification, powerMonitor, session, shell } from 'electron'
import { registerAppScheme, serveAppScheme } from './app-protocol'
import { createAttention } from './attention'
import { createEmbeddedHost } from './embedded-server'
import { registerIpcHandlers } from './ipc'
import { createNetworkLinkManager } from './network-link'
import { createOutboxStore } from './outbox-store'
import { createMainWindow } from './main-window'
import { installPermissionHandlers } from './permissions'
import { createServerDiscovery } from './server-discovery'
import { createSettingsStore } from './settings-store'
import { createAppUrlCheck } from './trusted-origins'
import { IPC_CHANNELS } from '../protocol'

const here = fileURLToPath(new URL('.', import.meta.url))
const rendererRoot = join(here, '../renderer')
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const isAppUrl = createAppUrlCheck(devServerUrl)

app.enableSandbox()
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null
  const userData = app.getPath('userData')
  const host = createEmbeddedHost({
    dataDir: join(userData, 'server-data'),
    webRoot: rendererRoot,
    name: 'Parley (hosted)',
    extraOrigins: devServerUrl ? [new URL(devServerUrl).origin] : [],
  })

  const links = createNetworkLinkManager()
  // Listens on the LAN only once the join screen asks, and tells the page of each server that comes or goes.
  const discovery = createServerDiscovery({}, (error) =>
    console.warn('parley: listening for servers failed:', error.message),
  )
  discovery.onChange((servers) => mainWindow?.webContents.send(IPC_CHANNELS.serversFound, servers))
  const attention = createAttention(
    (count) => app.setBadgeCount(count),
    () => mainWindow,
  )

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  void app.whenReady().then(() => {
    serveAppScheme(rendererRoot)
    installPermissionHandlers(session.defaultSession, isAppUrl)
    registerIpcHandlers(ipcMain, {
      version: app.getVersion(),
      settings: createSettingsStore(join(userData, 'settings.json')),
      host,
      links,
      outbox: createOutboxStore(join(userData, 'outbox.json')),
      shell,
      isAppUrl,
      setUnread: attention.setUnread,
      idleSeconds: () => powerMonitor.getSystemIdleTime(),
      findServers: () => discovery.find(),
      notify: ({ title, body, roomId, messageId }) => {
        attention.notified()
        if (!Notification.isSupported()) return
        // Silent: the page plays its own chime, or none, as the person chose.
        const notification = new Notification({ title, body, silent: true })
        notification.on('click', () => {
          mainWindow?.show()
          mainWindow?.focus()
          const target = messageId === undefined ? { roomId } : { roomId, messageId }
          mainWindow?.webContents.send(IPC_CHANNELS.notificationClick, target)
        })
        notification.show()
      },
    })
    mainWindow = createMainWindow({ preload: join(here, '../preload/index.cjs'), userData, devServerUrl }, isAppUrl)
    mainWindow.on('focus', attention.focused)
    mainWindow.on('closed', () => (mainWindow = null))
  })

  app.on('window-all-closed', () => {
    void Promise.all([host.stop(), links.close(), discovery.close()]).finally(() => app.quit())
  })
}
