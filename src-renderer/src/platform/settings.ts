import { DEFAULT_SETTINGS, NOTIFY_LEVELS, type NotifyLevel, type Settings } from '../../../protocol'
import { desktopBridge } from './bridge'

const STORAGE_KEY = 'parley:settings'

/** Last server and name, the notification level, its sound, a pause and the send key: in the desktop app's user-data folder, or the browser's localStorage. */
export async function loadSettings(): Promise<Settings> {
  const bridge = desktopBridge()
  if (bridge) {
    const result = await bridge.getSettings()
    return 'data' in result ? result.data : DEFAULT_SETTINGS
  }
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Settings>
    return {
      serverUrl: typeof stored.serverUrl === 'string' ? stored.serverUrl : '',
      displayName: typeof stored.displayName === 'string' ? stored.displayName : '',
      notifyFor: NOTIFY_LEVELS.includes(stored.notifyFor as NotifyLevel)
        ? stored.notifyFor!
        : DEFAULT_SETTINGS.notifyFor,
      sound: typeof stored.sound === 'boolean' ? stored.sound : DEFAULT_SETTINGS.sound,
      pausedUntil: Number.isSafeInteger(stored.pausedUntil) && stored.pausedUntil! > 0 ? stored.pausedUntil! : 0,
      sendWithCtrl: typeof stored.sendWithCtrl === 'boolean' ? stored.sendWithCtrl : DEFAULT_SETTINGS.sendWithCtrl,
      // A page joins the server it came from: there is no other to offer.
      recentServers: [],
    }
  } catch {
    return DEFAULT_SETTINGS
  }
}

export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  const bridge = desktopBridge()
  if (bridge) {
    await bridge.saveSettings(patch)
    return
  }
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...(await loadSettings()), ...patch }))
  } catch {
    // Storage can be full or disabled; settings are a convenience, not data.
  }
}
