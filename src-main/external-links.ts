/**
 * The URL to hand to the system browser, rebuilt from its parts, or null when
 * it is not plain http(s). Other schemes (file:, javascript:, smb:, custom
 * protocol handlers) can run code or leak credentials on the user's machine.
 */
export function safeExternalUrl(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > 2048) return null
  try {
    const url = new URL(candidate)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (url.username || url.password) return null
    return url.href
  } catch {
    return null
  }
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>
}

/** Opens the link in the system browser if it is safe; returns whether it did. */
export async function openExternalSafely(shell: ExternalOpener, candidate: unknown): Promise<boolean> {
  const url = safeExternalUrl(candidate)
  if (!url) return false
  await shell.openExternal(url)
  return true
}
