import type { NotificationTarget } from '../../../protocol'

/** `#message/<room>/<id>`: in the fragment, which a browser never sends to the server. */
const FRAGMENT = /^#message\/([^/]+)\/(\d+)$/

/** A link to one message: the server's page, which opens it after joining (and in the app, at once). */
export function messageLink(serverUrl: string, roomId: string, id: number): string {
  return `${new URL(serverUrl).origin}/#message/${encodeURIComponent(roomId)}/${id}`
}

/** The message a fragment names (`location.hash`), if it names one. */
export function messageInFragment(hash: string): NotificationTarget | null {
  const found = FRAGMENT.exec(hash)
  if (!found) return null
  try {
    return { roomId: decodeURIComponent(found[1]!), messageId: Number(found[2]) }
  } catch {
    return null
  }
}

/** The message a link names, if it is a link to one on this server (`origins`: where this server is reached). */
export function linkedMessage(href: string, origins: readonly string[]): NotificationTarget | null {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return null
  }
  if (!origins.includes(url.origin) || url.pathname !== '/' || url.search !== '') return null
  return messageInFragment(url.hash)
}
