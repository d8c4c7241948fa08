import { afterEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ParleyServer } from '../../server'
import { useMessagesStore } from '../../src-renderer/src/stores/messages'
import { useSessionStore } from '../../src-renderer/src/stores/session'
import { makeDataDir, startServer } from '../helpers/server'

describe('a send that fails for a passing reason on a live connection', () => {
  const data = makeDataDir()
  let server: ParleyServer | undefined
  let session: ReturnType<typeof useSessionStore> | undefined
  afterEach(async () => {
    session?.leave()
    await server?.close()
    data.remove()
  })

  it('is sent again after a pause, without waiting for a reconnect that never comes', async () => {
    server = await startServer({ dataDir: data.dir })
    setActivePinia(createPinia())
    session = useSessionStore()
    const messages = useMessagesStore()
    expect(await session.join('Ann', server.url)).toBe(true)
    // The server's first answer to a send is INTERNAL; the connection stays up.
    let failed = 0
    for (const socket of server.io.of('/').sockets.values()) {
      socket.use(([event, , ack], next) => {
        if (event !== 'message:send' || failed > 0) return next()
        failed++
        ;(ack as (result: unknown) => void)({ error: 'INTERNAL', message: 'try again' })
      })
    }
    await expect(messages.send('general', 'kept')).resolves.toBeNull()
    expect(failed).toBe(1)
    expect(messages.timeline('general').messages.map((m) => `${m.text}:${m.state}`)).toEqual(['kept:sent'])
  })
})
