import { SessionAwareAdapter, type PrivateSessionId, type Session } from 'socket.io-adapter'

type PersistedSession = Parameters<SessionAwareAdapter['persistSession']>[0]

/**
 * Socket.IO's state recovery keeps a disconnected socket's session (its id,
 * rooms and data) for two minutes, and restores it as often as it is asked.
 * A client that gives up on a connection the server still thinks is alive (a
 * polling link cut mid-request: the server notices only at the ping timeout)
 * comes back with the same session and gets a second socket with the same id.
 * When the old one finally closes, it takes that id out of every room: the
 * live socket stops receiving the room's messages and, still named, is
 * refused as not in the room. So a session is restored at most once: asked
 * again before its socket has disconnected (and saved it anew), the answer is
 * a new session, and the client rejoins, which retires the old socket.
 */
export class SingleUseSessionAdapter extends SessionAwareAdapter {
  /** Sessions restored since they were last saved, and when: forgotten once too old to restore anyway. */
  private readonly restored = new Map<PrivateSessionId, number>()

  override persistSession(session: PersistedSession): void {
    this.restored.delete(session.pid)
    super.persistSession(session)
  }

  override async restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
    this.forgetExpired()
    if (this.restored.has(pid)) return null as unknown as Session
    // Marked before the answer: two reconnections asking at once must not both get it.
    this.restored.set(pid, Date.now())
    const session = await super.restoreSession(pid, offset)
    if (!session) this.restored.delete(pid)
    return session
  }

  private forgetExpired(): void {
    const threshold = Date.now() - (this.nsp.server.opts.connectionStateRecovery.maxDisconnectionDuration as number)
    // Oldest first: a pid is inserted when restored and removed when saved again.
    for (const [pid, at] of this.restored) {
      if (at >= threshold) break
      this.restored.delete(pid)
    }
  }
}
