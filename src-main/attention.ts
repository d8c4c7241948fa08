/** The window calls that draw attention to it; Electron's BrowserWindow has them. */
export interface AttentionWindow {
  isFocused(): boolean
  flashFrame(flag: boolean): void
}

export interface Attention {
  /** The unread count changed: badge it, and flash a background window when it rises. */
  setUnread(count: number): void
  /** The window has focus: stop flashing. */
  focused(): void
}

/**
 * The dock or taskbar side of unread messages. The badge shows the count where
 * the system has one (macOS, Linux launchers that support it; not Windows).
 * A rise while the window is in the background also asks for attention, in
 * each system's way (a flashing taskbar button, a bouncing dock icon), until
 * the window is looked at.
 */
export function createAttention(
  setBadgeCount: (count: number) => void,
  window: () => AttentionWindow | null,
): Attention {
  let last = 0
  return {
    setUnread(count) {
      setBadgeCount(count)
      const target = window()
      if (target && count > last && !target.isFocused()) target.flashFrame(true)
      if (target && count === 0) target.flashFrame(false)
      last = count
    },
    focused() {
      window()?.flashFrame(false)
    },
  }
}
