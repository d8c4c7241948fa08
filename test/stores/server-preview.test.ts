import { createServer } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref, watch, type EffectScope } from 'vue'
import { LIMITS } from '../../protocol'
import { fetchServerPreview, useServerPreview, type PreviewState } from '../../src-renderer/src/lib/server-preview'
import { useServerFixture } from '../helpers/fixture'

describe('the join screen’s preview of the server being typed', () => {
  const t = useServerFixture()
  let scope: EffectScope
  beforeEach(() => {
    scope = effectScope()
  })
  afterEach(() => scope.stop())

  /** A port nothing listens on: one just let go. */
  async function closedPort(): Promise<number> {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as { port: number }
    await new Promise((resolve) => blocker.close(resolve))
    return port
  }

  it('names the server, who is online, whether it needs a password and has moderators; says so when nothing answers', async () => {
    await t.start({ name: 'Lab', password: 'pw', moderatorPassword: 'keys' })
    const address = ref('192.168.1.')
    const preview = scope.run(() => useServerPreview(address, 20))!
    expect(preview.value).toEqual({ state: 'none' })

    address.value = t.server.url
    await nextTick()
    expect(preview.value).toEqual({ state: 'loading', origin: t.server.url })
    await expect
      .poll(() => preview.value)
      .toEqual({
        state: 'found',
        origin: t.server.url,
        server: { name: 'Lab', online: 0, password: true, moderated: true },
      })

    const nowhere = `http://127.0.0.1:${await closedPort()}`
    address.value = `${nowhere}/some/path`
    await expect.poll(() => preview.value).toEqual({ state: 'missing', origin: nowhere })
  })

  it('says what whoever runs the server says about it, cut to the limit', async () => {
    const about = `Lab 2 · ${'x'.repeat(300)}`
    await t.start({ name: 'Lab', about })
    const preview = await fetchServerPreview(t.server.url)
    expect(preview?.about).toBe(about.slice(0, LIMITS.serverAboutMaxLength))
  })

  it('says nothing answers at an address that stays silent, once its time is up', async () => {
    // Takes the request and never answers, as a LAN address can.
    const silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`
    try {
      const address = ref(silentUrl)
      const preview = scope.run(() => useServerPreview(address, 0, 200))!
      await expect.poll(() => preview.value).toEqual({ state: 'missing', origin: silentUrl })
    } finally {
      silent.closeAllConnections()
      silent.close()
    }
  })

  it('shows only the address typed last, even when an earlier one answers after it', async () => {
    await t.start({ name: 'Lab' })
    // A server that is slow to say what it is, and has been asked already when the address changes.
    let asked: () => void
    let droppedByApp: () => void
    const slowAsked = new Promise<void>((resolve) => (asked = resolve))
    const slowDropped = new Promise<void>((resolve) => (droppedByApp = resolve))
    const slow = createServer((_req, res) => {
      asked()
      const answer = setTimeout(() => res.end(JSON.stringify({ status: 'ok', name: 'Slow', members: 9 })), 300)
      res.on('close', () => {
        if (res.writableEnded) return
        clearTimeout(answer)
        droppedByApp()
      })
    })
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
    const slowUrl = `http://127.0.0.1:${(slow.address() as { port: number }).port}`
    try {
      const address = ref('')
      const preview = scope.run(() => useServerPreview(address, 20))!
      const seen: PreviewState[] = []
      // Every state the screen would show, in order.
      scope.run(() => watch(preview, (now) => seen.push(now)))
      address.value = slowUrl
      await slowAsked
      address.value = t.server.url
      await expect.poll(() => preview.value.state).toBe('found')
      // The earlier question is given up, not left to answer over the later one.
      await slowDropped
      expect(seen.filter((state) => state.state !== 'loading')).toEqual([
        { state: 'found', origin: t.server.url, server: { name: 'Lab', online: 0, password: false, moderated: false } },
      ])
    } finally {
      slow.closeAllConnections()
      slow.close()
    }
  })
})
