import { APP_HOST, APP_SCHEME } from './app-scheme'

/**
 * Whether a URL belongs to the app: its own scheme and host, or in development
 * the electron-vite dev server it was started with. (Node's URL gives custom
 * schemes a "null" origin, so the app scheme is matched by its parts.)
 */
export function createAppUrlCheck(devServerUrl: string | undefined): (url: string) => boolean {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null
  return (candidate) => {
    try {
      const url = new URL(candidate)
      if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST
      return devOrigin !== null && url.origin === devOrigin
    } catch {
      return false
    }
  }
}
