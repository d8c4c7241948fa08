import { watch, type Ref } from 'vue'
import { desktopBridge } from './bridge'

/** In the desktop app, keeps the dock or taskbar icon's unread count in step; a browser has none. */
export function syncUnreadBadge(count: Readonly<Ref<number>>): void {
  watch(count, (next) => void desktopBridge()?.setUnreadCount(next))
}
