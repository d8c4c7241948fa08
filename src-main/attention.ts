/** The window calls that draw attention to it; Electron's BrowserWindow has them. */
export interface AttentionWindow {
  isFocused(): boolean
  flashFrame(flag: boolean): void
}

export interface Attention {
  /** The unread count changed: badge it; at zero, stop flashing. */
  setUnread(count: number): void
  /** A message notified (the person's level let it): flash a background window. */
  notified(): void
  /** The window has focus: stop flashing. */
  focused(): void
}

/**
 * The dock or taskbar side of unread messages. The badge shows the count where
 * the system has one (macOS, Linux launchers that support it; not Windows).
 * A message that notifies while the window is in the background also asks for
 * attention, in each system's way (a flashing taskbar button, a bouncing dock
 * icon), until the window is looked at: what notifies is the person's choice
 * (every message, DMs and mentions, nothing), and a flash follows it.
 */
export function createAttention(
  setBadgeCount: (count: number) => void,
  window: () => AttentionWindow | null,
): Attention {
  return {
    setUnread(count) {
      setBadgeCount(count)
      if (count === 0) window()?.flashFrame(false)
    },
    notified() {
      const target = window()
      if (target && !target.isFocused()) target.flashFrame(true)
    },
    focused() {
      window()?.flashFrame(false)
    },
  }
}
