import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNELS, type FoundServer, type ParleyBridge } from '../../protocol'

// One method per operation; the renderer never gets ipcRenderer itself.
const api: ParleyBridge = {
  getVersion: () => ipcRenderer.invoke(IPC_CHANNELS.getVersion),
  getSettings: () => ipcRenderer.invoke(IPC_CHANNELS.getSettings),
  saveSettings: (patch) => ipcRenderer.invoke(IPC_CHANNELS.saveSettings, patch),
  notify: (notification) => ipcRenderer.invoke(IPC_CHANNELS.notify, notification),
  openInBrowser: (url) => ipcRenderer.invoke(IPC_CHANNELS.openInBrowser, url),
  hostServer: (options) => ipcRenderer.invoke(IPC_CHANNELS.hostServer, options),
  stopHosting: () => ipcRenderer.invoke(IPC_CHANNELS.stopHosting),
  getHostedServer: () => ipcRenderer.invoke(IPC_CHANNELS.getHostedServer),
  openLink: (target) => ipcRenderer.invoke(IPC_CHANNELS.openLink, target),
  setLinkProfile: (profile) => ipcRenderer.invoke(IPC_CHANNELS.setLinkProfile, profile),
  loadOutbox: (key) => ipcRenderer.invoke(IPC_CHANNELS.loadOutbox, key),
  saveOutbox: (key, entries) => ipcRenderer.invoke(IPC_CHANNELS.saveOutbox, { key, entries }),
  setUnreadCount: (count) => ipcRenderer.invoke(IPC_CHANNELS.setUnreadCount, count),
  getIdleSeconds: () => ipcRenderer.invoke(IPC_CHANNELS.getIdleSeconds),
  onNotificationClick(callback) {
    const listener = (_event: unknown, target: { roomId?: unknown; messageId?: unknown } | null): void => {
      const { roomId, messageId } = target ?? {}
      if (typeof roomId === 'string' && typeof messageId === 'number') callback({ roomId, messageId })
    }
    ipcRenderer.on(IPC_CHANNELS.notificationClick, listener)
    return () => ipcRenderer.off(IPC_CHANNELS.notificationClick, listener)
  },
  findServers: () => ipcRenderer.invoke(IPC_CHANNELS.findServers),
  onServersFound(callback) {
    const listener = (_event: unknown, servers: unknown): void => {
      if (Array.isArray(servers)) callback(servers.filter(isFoundServer))
    }
    ipcRenderer.on(IPC_CHANNELS.serversFound, listener)
    return () => ipcRenderer.off(IPC_CHANNELS.serversFound, listener)
  },
}

// The main process checked each one; the page gets nothing it does not expect all the same.
function isFoundServer(value: unknown): value is FoundServer {
  const server = value as Partial<FoundServer> | null
  return (
    typeof server?.name === 'string' &&
    typeof server.url === 'string' &&
    typeof server.password === 'boolean' &&
    typeof server.version === 'string' &&
    (server.about === undefined || typeof server.about === 'string')
  )
}

contextBridge.exposeInMainWorld('parley', api)
