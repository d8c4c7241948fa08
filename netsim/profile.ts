/** What a netsim link does to the traffic through it. */
export interface NetsimProfile {
  /** Refuse WebSocket upgrades like a corporate proxy, and cut open WebSockets. */
  blockWebsocket: boolean
  /** Accept WebSockets, then cut each one after this long. */
  killWebsocketAfterMs: number | null
  /** Added to every chunk, in both directions. */
  latencyMs: number
  /** Latency varies by up to ± this much. */
  jitterMs: number
  /** Link rate in kbit/s, each direction; null is unlimited. */
  bandwidthKbps: number | null
  /** Fraction of connections and requests that are reset. */
  flaky: number
  /** Refuse and cut everything. */
  offline: boolean
}

export const CLEAN: NetsimProfile = Object.freeze({
  blockWebsocket: false,
  killWebsocketAfterMs: null,
  latencyMs: 0,
  jitterMs: 0,
  bandwidthKbps: null,
  flaky: 0,
  offline: false,
})

export const PROFILE_HELP =
  'clean, block-websocket, kill-websocket-after=<s>, latency=<ms>[,jitter=<ms>], bandwidth=<kbit/s>, flaky=<p>, offline; combine with +'

export class ProfileError extends Error {
  override name = 'ProfileError'
}

/** `a=b=c` → [`a`, `b=c`]; no separator → [text, undefined]. */
function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}

function number(term: string, text: string | undefined, { min, max }: { min: number; max: number }): number {
  const value = Number(text)
  if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new ProfileError(`invalid value in "${term}": expected a number from ${min} to ${max}`)
  }
  return value
}

/**
 * Parses a profile such as `latency=200,jitter=50+block-websocket`.
 * Throws a ProfileError that names the offending part.
 */
export function parseProfile(spec: string): NetsimProfile {
  const terms = spec
    .split('+')
    .map((term) => term.trim())
    .filter(Boolean)
  if (terms.length === 0) throw new ProfileError(`empty profile: expected ${PROFILE_HELP}`)
  const profile: NetsimProfile = { ...CLEAN }
  const seen = new Set<string>()
  for (const term of terms) {
    const [name, value] = splitOnce(term, '=')
    const key = name.trim().toLowerCase()
    if (seen.has(key)) throw new ProfileError(`"${key}" appears twice`)
    seen.add(key)
    switch (key) {
      case 'clean':
      case 'offline':
      case 'block-websocket':
        if (value !== undefined) throw new ProfileError(`"${key}" takes no value`)
        if (key === 'offline') profile.offline = true
        if (key === 'block-websocket') profile.blockWebsocket = true
        break
      case 'kill-websocket-after':
        profile.killWebsocketAfterMs = number(term, value, { min: 0.01, max: 86_400 }) * 1000
        break
      case 'latency': {
        const [latency, jitter] = splitOnce(value ?? '', ',')
        profile.latencyMs = number(term, latency, { min: 0, max: 60_000 })
        if (jitter !== undefined) {
          const [jitterName, jitterValue] = splitOnce(jitter, '=')
          if (jitterName.trim() !== 'jitter')
            throw new ProfileError(`invalid "${term}": expected latency=<ms>[,jitter=<ms>]`)
          profile.jitterMs = number(term, jitterValue, { min: 0, max: 60_000 })
        }
        break
      }
      case 'bandwidth':
        profile.bandwidthKbps = number(term, value, { min: 1, max: 10_000_000 })
        break
      case 'flaky':
        profile.flaky = number(term, value, { min: 0, max: 1 })
        break
      default:
        throw new ProfileError(`unknown profile "${term}": expected ${PROFILE_HELP}`)
    }
  }
  if (terms.length > 1 && (seen.has('clean') || seen.has('offline'))) {
    throw new ProfileError(`"${seen.has('clean') ? 'clean' : 'offline'}" cannot be combined with other profiles`)
  }
  if (profile.blockWebsocket && profile.killWebsocketAfterMs !== null) {
    throw new ProfileError('"block-websocket" and "kill-websocket-after" cannot be combined')
  }
  return profile
}

/** The canonical spelling of a profile, as parseProfile reads it. */
export function describeProfile(profile: NetsimProfile): string {
  if (profile.offline) return 'offline'
  const terms: string[] = []
  if (profile.blockWebsocket) terms.push('block-websocket')
  if (profile.killWebsocketAfterMs !== null) terms.push(`kill-websocket-after=${profile.killWebsocketAfterMs / 1000}`)
  if (profile.latencyMs > 0 || profile.jitterMs > 0) {
    terms.push(`latency=${profile.latencyMs}${profile.jitterMs > 0 ? `,jitter=${profile.jitterMs}` : ''}`)
  }
  if (profile.bandwidthKbps !== null) terms.push(`bandwidth=${profile.bandwidthKbps}`)
  if (profile.flaky > 0) terms.push(`flaky=${profile.flaky}`)
  return terms.length > 0 ? terms.join('+') : 'clean'
}
