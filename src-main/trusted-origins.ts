import { APP_ORIGIN } from './app-scheme'

/**
 * Whether a URL belongs to the app: its own scheme, or in development the
 * electron-vite dev server it was started with.
 */
export function createAppUrlCheck(devServerUrl: string | undefined): (url: string) => boolean {
  const origins = new Set([APP_ORIGIN])
  if (devServerUrl) origins.add(new URL(devServerUrl).origin)
  return (url) => {
    try {
      return origins.has(new URL(url).origin)
    } catch {
      return false
    }
  }
}
