import { z } from 'zod'
import type { AckResult, DesktopNotification, FoundServer, HostedServer, Settings } from '../protocol'
import { IPC_CHANNELS, LIMITS } from '../protocol'
import { ProfileError } from '../netsim'
import type { EmbeddedHost } from './embedded-server'
import type { NetworkLinkManager } from './network-link'
import { outboxKeySchema, outboxSaveSchema, type OutboxStore } from './outbox-store'
import { safeExternalUrl, type ExternalOpener } from './external-links'
import { settingsPatchSchema, type SettingsStore } from './settings-store'

/** The parts of an IPC event a handler looks at. */
export interface IpcSender {
  senderFrame: { url: string; parent: unknown } | null
}

export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcSender, ...args: unknown[]) => Promise<unknown>): void
}

export interface IpcDeps {
  version: string
  settings: SettingsStore
  host: EmbeddedHost
  links: NetworkLinkManager
  outbox: OutboxStore
  shell: ExternalOpener
  notify: (notification: DesktopNotification) => void
  /** Shows the unread count on the dock or taskbar. */
  setUnread: (count: number) => void
  /** Seconds since the last input to the computer (Electron's powerMonitor). */
  idleSeconds: () => number
  /** The Parley servers heard on the LAN so far (listening starts with the first call). */
  findServers: () => FoundServer[]
  isAppUrl: (url: string) => boolean
}

const notificationSchema = z.strictObject({
  title: z.string().max(200),
  body: z.string().max(LIMITS.messageMaxLength),
  roomId: z.string().max(64),
  messageId: z.number().int().positive().optional(),
})
const hostSchema = z.strictObject({ port: z.number().int().min(0).max(65535).optional() })
const noPayload = z.undefined()

/**
 * Registers every IPC handler. Each one checks that the call comes from the
 * app's own top-level frame, validates its payload, and answers `{data}` or
 * `{error, message}` — it never throws across the bridge.
 */
export function registerIpcHandlers(ipc: IpcRegistrar, deps: IpcDeps): void {
  function handle<S extends z.ZodType, T>(
    channel: string,
    schema: S,
    run: (input: z.output<S>) => T | Promise<T>,
  ): void {
    ipc.handle(channel, async (event, payload): Promise<AckResult<T>> => {
      const frame = event.senderFrame
      if (!frame || frame.parent !== null || !deps.isAppUrl(frame.url)) {
        return { error: 'FORBIDDEN', message: 'IPC is only answered for the app itself' }
      }
      const parsed = schema.safeParse(payload)
      if (!parsed.success)
        return { error: 'INVALID_PAYLOAD', message: parsed.error.issues[0]?.message ?? 'Invalid payload' }
      try {
        return { data: await run(parsed.data) }
      } catch (error) {
        if (error instanceof ProfileError) return { error: 'INVALID_PAYLOAD', message: error.message }
        return { error: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
      }
    })
  }

  handle(IPC_CHANNELS.getVersion, noPayload, () => deps.version)
  handle(IPC_CHANNELS.getSettings, noPayload, (): Settings => deps.settings.get())
  handle(IPC_CHANNELS.saveSettings, settingsPatchSchema, (patch): Settings => deps.settings.update(patch))
  handle(IPC_CHANNELS.notify, notificationSchema, (notification) => {
    deps.notify(notification)
    return null
  })
  handle(IPC_CHANNELS.openInBrowser, z.string(), async (candidate) => {
    const url = safeExternalUrl(candidate)
    if (!url) throw new Error('Only http and https links can be opened')
    await deps.shell.openExternal(url)
    return null
  })
  handle(IPC_CHANNELS.hostServer, hostSchema, ({ port }): Promise<HostedServer> => deps.host.start({ port }))
  handle(IPC_CHANNELS.stopHosting, noPayload, async () => {
    await deps.host.stop()
    return null
  })
  handle(IPC_CHANNELS.getHostedServer, noPayload, () => deps.host.current())
  handle(IPC_CHANNELS.loadOutbox, outboxKeySchema, (key) => deps.outbox.load(key))
  handle(IPC_CHANNELS.saveOutbox, outboxSaveSchema, ({ key, entries }) => {
    deps.outbox.save(key, entries)
    return null
  })
  handle(IPC_CHANNELS.openLink, z.url({ protocol: /^http$/ }).max(2048), (target) => deps.links.open(target))
  handle(IPC_CHANNELS.setLinkProfile, z.string().max(200), (profile) => deps.links.setProfile(profile))
  handle(IPC_CHANNELS.setUnreadCount, z.number().int().min(0).max(1_000_000), (count) => {
    deps.setUnread(count)
    return null
  })
  handle(IPC_CHANNELS.getIdleSeconds, noPayload, () => deps.idleSeconds())
  handle(IPC_CHANNELS.findServers, noPayload, () => deps.findServers())
}
