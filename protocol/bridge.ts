import type { AckResult } from './errors'
import type { FoundServer } from './discovery'
import type { FileInfo, Forwarded, Quote } from './models'

/** Which new messages notify while the window is in the background. */
export const NOTIFY_LEVELS = ['all', 'mentions', 'none'] as const
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number]
/** Whether a stored or received value is one of the levels. */
export function isNotifyLevel(level: unknown): level is NotifyLevel {
  return (NOTIFY_LEVELS as readonly unknown[]).includes(level)
}
/** DMs and @mentions: in a busy room, every message would be a notification. */
export const DEFAULT_NOTIFY_LEVEL: NotifyLevel = 'mentions'

/** What the desktop app remembers between launches. */
export interface Settings {
  serverUrl: string
  displayName: string
  notifyFor: NotifyLevel
  /** A short chime with each notification (the desktop app's own notifications are then silent). */
  sound: boolean
  /** Notifications paused until then (ms since the epoch); 0 when they are not. */
  pausedUntil: number
  /** The composer sends with Ctrl+Enter (⌘+Enter on a Mac), and Enter is a new line, for those who write long messages. */
  sendWithCtrl: boolean
  /** The servers joined, newest first: the desktop join screen offers them. Kept by saving `serverUrl`. */
  recentServers: string[]
}

/** How many servers the join screen offers: an office, a lab, a classroom, an event, one more. */
export const RECENT_SERVERS_MAX = 5

/** What a first launch remembers. */
export const DEFAULT_SETTINGS: Settings = {
  serverUrl: '',
  displayName: '',
  notifyFor: DEFAULT_NOTIFY_LEVEL,
  sound: true,
  pausedUntil: 0,
  sendWithCtrl: false,
  recentServers: [],
}

export interface HostedServer {
  /** The URL this computer's own client joins. */
  localUrl: string
  /** One URL per LAN interface, for everyone else. */
  lanUrls: string[]
  port: number
}

/** This client's netsim link: the address it connects through, and what it does. */
export interface NetworkLink {
  url: string
  profile: string
}

/** A message typed but not yet stored by the server, kept across restarts. */
export interface OutboxEntry {
  clientId: string
  roomId: string
  text: string
  author: string
  ts: number
  state: 'pending' | 'failed'
  error?: string
  /** The message it answers, shown with it while it waits. */
  replyTo?: Quote
  /** The file it carries, uploaded already. */
  file?: FileInfo
  /** A poll's options: the text is its question. */
  poll?: { options: string[] }
  /** The message it passes on, shown with it while it waits. */
  forwarded?: Forwarded
}

export interface DesktopNotification {
  title: string
  body: string
  roomId: string
  /** The message it announces: a click opens it in its room. Absent: a click opens the room (a scheduled message that could not go). */
  messageId?: number
}

/** What a click on a notification opens. */
export type NotificationTarget = Pick<DesktopNotification, 'roomId' | 'messageId'>

/**
 * The preload bridge, exposed to the renderer as `window.parley` in the desktop
 * app only. One method per operation; every call resolves to `{data}` or
 * `{error, message}`; subscriptions return their unsubscribe.
 */
export interface ParleyBridge {
  getVersion(): Promise<AckResult<string>>
  getSettings(): Promise<AckResult<Settings>>
  saveSettings(patch: Partial<Settings>): Promise<AckResult<Settings>>
  notify(notification: DesktopNotification): Promise<AckResult<null>>
  /** Opens an http(s) link in the system browser (shell.openExternal in the main process, after its own check). */
  openInBrowser(url: string): Promise<AckResult<null>>
  hostServer(options: { port?: number }): Promise<AckResult<HostedServer>>
  stopHosting(): Promise<AckResult<null>>
  getHostedServer(): Promise<AckResult<HostedServer | null>>
  /** Puts a netsim link between this app and the server; connect to its URL. */
  openLink(target: string): Promise<AckResult<NetworkLink>>
  /** Switches the link's profile, e.g. `block-websocket`; a bad one is an INVALID_PAYLOAD error. */
  setLinkProfile(profile: string): Promise<AckResult<NetworkLink>>
  /** The outbox saved under `key` (one per server and name). */
  loadOutbox(key: string): Promise<AckResult<OutboxEntry[]>>
  saveOutbox(key: string, entries: OutboxEntry[]): Promise<AckResult<null>>
  /** The unread count, for the dock or taskbar: a badge, or a flash while the window is in the background. */
  setUnreadCount(count: number): Promise<AckResult<null>>
  /** How many seconds the computer has had no input, in any app: whether someone is away. */
  getIdleSeconds(): Promise<AckResult<number>>
  onNotificationClick(callback: (target: NotificationTarget) => void): () => void
  /** Asks the LAN afresh for Parley servers (mDNS) and answers with those heard so far; the rest follow through onServersFound. */
  findServers(): Promise<AckResult<FoundServer[]>>
  /** Called with the whole list of servers heard whenever one comes or goes. */
  onServersFound(callback: (servers: FoundServer[]) => void): () => void
}

/** The desktop app's renderer origin: its own `parley://` scheme, which the LAN server allows. */
export const DESKTOP_APP_ORIGIN = 'parley://app'

/** IPC channel names, named once for main and preload. */
export const IPC_CHANNELS = {
  getVersion: 'app:get-version',
  getSettings: 'settings:get',
  saveSettings: 'settings:save',
  notify: 'notification:show',
  notificationClick: 'notification:click',
  openInBrowser: 'link:open-in-browser',
  hostServer: 'host:start',
  stopHosting: 'host:stop',
  getHostedServer: 'host:get',
  openLink: 'netsim:open',
  setLinkProfile: 'netsim:set-profile',
  loadOutbox: 'outbox:load',
  saveOutbox: 'outbox:save',
  setUnreadCount: 'app:set-unread-count',
  getIdleSeconds: 'app:get-idle-seconds',
  findServers: 'discovery:find',
  serversFound: 'discovery:changed',
} as const
