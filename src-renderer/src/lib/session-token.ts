const KEY = 'parley:session'

export interface StoredSession {
  token: string
  name: string
  serverUrl: string
  rooms: string[]
  /** The server's shared password, kept for this tab only so a reload can rejoin. */
  password?: string
  /** The moderator password, likewise. */
  moderatorPassword?: string
  /** Set away by hand: still so after a reload. */
  away?: boolean
}

/**
 * Random hex from crypto.getRandomValues, which (unlike crypto.randomUUID)
 * also works outside a secure context, as on the desktop app's parley:// page.
 */
export function randomId(byteLength = 16): string {
  const bytes = new Uint8Array(byteLength)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * This tab's session: kept in sessionStorage, so a reload rejoins as the same
 * person. A second tab starts a session of its own: as someone else, or under
 * the same name (another tab of this device; see deviceId).
 */
export function readSession(): StoredSession | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as StoredSession | null
    return parsed && typeof parsed.token === 'string' && typeof parsed.name === 'string' ? parsed : null
  } catch {
    return null
  }
}

export function writeSession(session: StoredSession): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session))
  } catch {
    // Without storage a reload asks for the name again; nothing is lost.
  }
}

export function clearSession(): void {
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // See writeSession.
  }
}

export function sessionToken(): string {
  return readSession()?.token ?? randomId(18)
}

const DEVICE_KEY = 'parley:device'

/**
 * This browser's or app's id, kept in local storage across restarts: its tabs
 * may use one name at once, and a code links it to the person's other
 * devices for good. Where there is no local storage (Node), each call is a
 * device of its own.
 */
export function deviceId(): string {
  try {
    const stored = localStorage.getItem(DEVICE_KEY)
    if (stored && /^[0-9a-f]{32,64}$/.test(stored)) return stored
    const id = randomId(18)
    localStorage.setItem(DEVICE_KEY, id)
    return id
  } catch {
    return randomId(18)
  }
}
