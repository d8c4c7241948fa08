import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { APP_SCHEME, mimeTypeOf, resolveAppFile } from './app-scheme'

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, supportFetchAPI: true } }])
}

/** Serves the built renderer on the app scheme; anything outside it is a 404. */
export function serveAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererRoot, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(file), { headers: { 'Content-Type': mimeTypeOf(file) } })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
