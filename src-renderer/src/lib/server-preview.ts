import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { z } from 'zod'
import { LIMITS } from '../../../protocol'

/** A server as the join screen shows it before joining: from its `/healthz`. */
export interface ServerPreview {
  name: string
  /** People online now. */
  online: number
  /** Whether joining needs the server password; undefined from a server too old to say. */
  password: boolean | undefined
  /** Whether it has moderators; undefined from a server too old to say. */
  moderated: boolean | undefined
  /** What whoever runs it says about it; absent if nothing. */
  about?: string
}

// The fields read, not the whole report: an older or newer server still previews.
const healthSchema = z.object({
  status: z.literal('ok'),
  name: z.string(),
  members: z.number().int().nonnegative(),
  password: z.boolean().optional(),
  moderated: z.boolean().optional(),
  // Cut to the limit rather than refused: a preview is worth showing whatever a server says.
  about: z
    .string()
    .optional()
    .catch(undefined)
    .transform((about) => about?.slice(0, LIMITS.serverAboutMaxLength)),
})

/** How long a server has to answer: an address where nothing listens on the LAN may not refuse, only stay silent. */
export const PREVIEW_TIMEOUT_MS = 3000

/** The Parley server at `origin`, or null if nothing there answers as one within `timeoutMs`. */
export async function fetchServerPreview(
  origin: string,
  signal?: AbortSignal,
  timeoutMs = PREVIEW_TIMEOUT_MS,
): Promise<ServerPreview | null> {
  // One signal for both, without AbortSignal.any, which older phone browsers on the LAN lack.
  const asking = new AbortController()
  const stop = (): void => asking.abort()
  const timer = setTimeout(stop, timeoutMs)
  signal?.addEventListener('abort', stop)
  try {
    const response = await fetch(new URL('/healthz', origin), { signal: asking.signal, cache: 'no-store' })
    if (!response.ok) return null
    const parsed = healthSchema.safeParse(await response.json())
    if (!parsed.success) return null
    const { name, members, password, moderated, about } = parsed.data
    return { name, online: members, password, moderated, ...(about && { about }) }
  } catch {
    return null
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', stop)
  }
}

export function describeOnline(count: number): string {
  if (count === 0) return 'nobody online yet'
  return count === 1 ? '1 person online' : `${count} people online`
}

/** The origin of a server address as typed, or null while it is not one yet. */
export function serverOrigin(address: string): string | null {
  try {
    const url = new URL(address.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

export type PreviewState =
  | { state: 'none' }
  | { state: 'loading'; origin: string }
  | { state: 'found'; origin: string; server: ServerPreview }
  | { state: 'missing'; origin: string }

/**
 * Follows the server address being typed: `delayMs` after the last change
 * it asks that server what it is, dropping any answer to an address since
 * changed, so the screen never shows the server typed before.
 */
export function useServerPreview(
  address: Ref<string>,
  delayMs: number,
  timeoutMs = PREVIEW_TIMEOUT_MS,
): Ref<PreviewState> {
  const preview = ref<PreviewState>({ state: 'none' })
  let timer: ReturnType<typeof setTimeout> | undefined
  let asking: AbortController | undefined

  const ask = async (origin: string): Promise<void> => {
    asking?.abort()
    const controller = (asking = new AbortController())
    const server = await fetchServerPreview(origin, controller.signal, timeoutMs)
    if (controller.signal.aborted) return
    preview.value = server ? { state: 'found', origin, server } : { state: 'missing', origin }
  }

  watch(
    address,
    (typed) => {
      clearTimeout(timer)
      asking?.abort()
      const origin = serverOrigin(typed)
      if (!origin) {
        preview.value = { state: 'none' }
        return
      }
      preview.value = { state: 'loading', origin }
      timer = setTimeout(() => void ask(origin), delayMs)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    clearTimeout(timer)
    asking?.abort()
  })
  return preview
}
