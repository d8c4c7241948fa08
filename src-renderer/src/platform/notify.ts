import type { DesktopNotification, NotificationTarget } from '../../../protocol'
import { desktopBridge } from './bridge'

/** Asks the browser for permission once, from a user gesture such as joining. */
export function requestNotificationPermission(): void {
  if (desktopBridge() || typeof Notification === 'undefined') return
  if (Notification.permission === 'default') void Notification.requestPermission()
}

/** Shows a system notification; `onClick` brings its message into view. */
export function showNotification(
  notification: DesktopNotification,
  onClick: (target: NotificationTarget) => void,
): void {
  const bridge = desktopBridge()
  if (bridge) {
    void bridge.notify(notification)
    return
  }
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  const shown = new Notification(notification.title, { body: notification.body, tag: notification.roomId })
  shown.onclick = () => {
    window.focus()
    onClick({ roomId: notification.roomId, messageId: notification.messageId })
    shown.close()
  }
}

/** Clicks on desktop notifications arrive through the bridge. */
export function onNotificationClick(callback: (target: NotificationTarget) => void): () => void {
  return desktopBridge()?.onNotificationClick(callback) ?? (() => {})
}
