import { spawn, type ChildProcess } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createNetsim, type Netsim } from '../../netsim'
import { useConnectionStore } from '../../src-renderer/src/stores/connection'
import { useMessagesStore } from '../../src-renderer/src/stores/messages'
import { useSessionStore } from '../../src-renderer/src/stores/session'
import { connectClient, makeDataDir } from '../helpers/server'
import { request } from '../helpers/request'

const CLIENTS = 4
const MESSAGES_PER_CLIENT = 500

interface App {
  name: string
  link: Netsim
  connection: ReturnType<typeof useConnectionStore>
  session: ReturnType<typeof useSessionStore>
  messages: ReturnType<typeof useMessagesStore>
  /** Answers by request and outcome ("message:send FORBIDDEN" → 3), for the report when a wait fails. */
  answers: Map<string, number>
}

function tallyAnswers(connection: App['connection']): Map<string, number> {
  const answers = new Map<string, number>()
  const request = connection.request
  connection.request = (async (...args: Parameters<typeof request>) => {
    const result = (await request(...args)) as { error?: string }
    const key = `${args[0]} ${result.error ?? 'ok'}`
    answers.set(key, (answers.get(key) ?? 0) + 1)
    return result
  }) as typeof request
  return answers
}

/** The real CLI in its own process, so it can be killed with SIGKILL. */
function startServerProcess(dataDir: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    // Batches from two connections: general's bursts then travel as message:batch through every fault.
    [
      '--import',
      'tsx',
      'server/cli/main.ts',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--batch-from',
      '2',
    ],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk
      const match = /This computer: http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)
      if (match) resolve({ child, port: Number(match[1]) })
    })
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${output}`)))
  })
}

async function openApp(name: string, link: Netsim): Promise<App> {
  setActivePinia(createPinia())
  const connection = useConnectionStore()
  const answers = tallyAnswers(connection)
  const app = { name, link, connection, session: useSessionStore(), messages: useMessagesStore(), answers }
  // Retry the upgrade quickly: the chaos is short.
  expect(await app.session.join(name, link.url, { healer: { firstRetryMs: 500 } })).toBe(true)
  await app.messages.loadLatest('general')
  return app
}

describe('chaos', () => {
  let data: ReturnType<typeof makeDataDir>
  let server: { child: ChildProcess; port: number } | undefined
  let links: Netsim[] = []
  let apps: App[] = []
  // A fresh folder per run, and nothing left running after it.
  beforeEach(() => {
    data = makeDataDir()
    links = []
    apps = []
  })
  afterEach(async () => {
    for (const app of apps) app.connection.disconnect()
    server?.child.kill('SIGKILL')
    await Promise.all(links.map((link) => link.close()))
    data.remove()
  })

  it('delivers every acknowledged message exactly once, in per-sender order, through kills, resets, a SIGKILL and a reload', async () => {
    server = await startServerProcess(data.dir, 0)
    const target = `http://127.0.0.1:${server.port}`
    for (let i = 0; i < CLIENTS; i++) {
      const link = await createNetsim({ target })
      links.push(link)
      apps.push(await openApp(`client${i}`, link))
    }
    const sent = new Map<string, string[]>(apps.map((app) => [app.name, []]))
    const acked = new Set<string>()
    const sendAll = (app: App, from: number, to: number): void => {
      for (let n = from; n < to; n++) {
        const text = `${app.name}#${n}`
        sent.get(app.name)!.push(text)
        void app.messages.send('general', text).then((result) => result === null && acked.add(text))
      }
    }
    for (const app of apps) sendAll(app, 0, MESSAGES_PER_CLIENT / 2)

    const faults: string[] = []
    const state = () =>
      apps
        .map(
          (app) =>
            `${app.name}: ${app.connection.status}/${app.connection.transport || '-'}, joined ${app.session.joined}, rejoin ${app.session.rejoining() ? 'pending' : 'done'}, send loop ${app.messages.sending() ? 'running' : 'idle'}, rtt ${app.connection.rttMs ?? '-'} ms, outbox ${app.messages.outbox.length} (${app.messages.outbox[0]?.state ?? ''} ${app.messages.outbox[0]?.error ?? ''}) last error "${app.connection.lastError}", ${app.connection.timeline
              .slice(-8)
              .map((e) => e.text)
              .join(' | ')}, answers ${[...app.answers].map(([key, count]) => `${key} ×${count}`).join(', ')}`,
        )
        .join('; ')
    // The state is read when the wait fails (a message given to expect.poll is built when it begins).
    const when = async (condition: () => boolean, what: string) => {
      await expect
        .poll(condition, { timeout: 90_000, interval: 50 })
        .toBe(true)
        .catch(() => {
          throw new Error(`timed out before "${what}": acked ${acked.size}; ${state()}`)
        })
      faults.push(what)
    }

    await when(() => acked.size >= 150, 'kill WebSockets of client0 every 0.5 s')
    apps[0]!.link.setProfile('kill-websocket-after=0.5')
    await when(() => acked.size >= 300, 'reset 30% of client1’s connections and requests')
    apps[1]!.link.setProfile('flaky=0.3')

    await when(() => acked.size >= 500, 'SIGKILL the server and restart it on the same data folder')
    const killed = server
    killed.child.kill('SIGKILL')
    await new Promise((resolve) => killed.child.once('exit', resolve))
    server = await startServerProcess(data.dir, killed.port)

    // Reload client2 while its outbox is full: queue the rest of its messages, then replace the app.
    await when(() => apps[2]!.connection.status === 'connected', 'reload client2 with a non-empty outbox')
    sendAll(apps[2]!, MESSAGES_PER_CLIENT / 2, MESSAGES_PER_CLIENT)
    expect(apps[2]!.messages.outbox.length).toBeGreaterThan(0)
    const outboxAtReload = apps[2]!.messages.outbox.length
    apps[2]!.connection.disconnect()
    apps[2] = await openApp('client2', apps[2]!.link)
    for (const app of [apps[0]!, apps[1]!, apps[3]!]) sendAll(app, MESSAGES_PER_CLIENT / 2, MESSAGES_PER_CLIENT)

    await when(() => acked.size >= 1500, 'heal every link')
    for (const link of links) link.setProfile('clean')

    // Settle: every outbox empty, every message stored.
    await expect
      .poll(() => apps.every((app) => app.messages.outbox.length === 0), { timeout: 120_000, interval: 100 })
      .toBe(true)
    const total = CLIENTS * MESSAGES_PER_CLIENT

    // The server's record, read by a fresh client: every message once, in each sender's order.
    const reader = connectClient(target)
    await request(reader, 'session:join', { name: 'auditor', token: 'auditor-token-0123456789' })
    const stored: string[] = []
    const storedIds: number[] = []
    let after = 0
    for (;;) {
      const page = await request(reader, 'message:history', { roomId: 'general', after, limit: 100 })
      if (!('data' in page)) throw new Error(page.message)
      stored.push(...page.data.messages.map((m) => m.text))
      storedIds.push(...page.data.messages.map((m) => m.id))
      if (!page.data.hasMore) break
      after = page.data.messages.at(-1)!.id
    }
    reader.disconnect()

    // Every recipient that was never reloaded has the whole conversation; the reloaded one, since its reload.
    const held = (app: App) => app.messages.timeline('general').messages.filter((m) => m.state === 'sent').length
    const complete = apps.filter((app) => app.name !== 'client2')
    await expect
      .poll(() => complete.every((app) => held(app) >= total), { timeout: 60_000 })
      .toBe(true)
      .catch(() => {
        // Which ones are missing, as id ranges of the stored record, to tell a phase of the run from scattered losses.
        const missing = (app: App) => {
          const have = new Set(app.messages.timeline('general').messages.map((m) => m.id))
          const ids = storedIds.filter((id) => !have.has(id))
          return ids.length === 0
            ? 'none'
            : `${ids.length}, ids ${ids[0]}–${ids.at(-1)} of ${storedIds[0]}–${storedIds.at(-1)}`
        }
        const report = complete.map((app) => `${app.name} holds ${held(app)}, missing ${missing(app)}`)
        throw new Error(`recipients incomplete: ${report.join('; ')}`)
      })

    let delivered = 0
    let duplicates = 0
    let lost = 0
    const check = (label: string, texts: string[], complete: boolean) => {
      const seen = new Set<string>()
      for (const text of texts) {
        if (seen.has(text)) duplicates++
        seen.add(text)
      }
      for (const [sender, order] of sent) {
        const mine = texts.filter((text) => text.startsWith(`${sender}#`))
        const expected = complete ? order : order.slice(order.length - mine.length)
        expect(mine, `${label}: ${sender}'s messages in order`).toEqual(expected)
        lost += Math.max(0, expected.length - mine.length)
      }
      if (label !== 'server') delivered += texts.length
    }
    check('server', stored, true)
    for (const app of apps) {
      check(
        app.name,
        app.messages
          .timeline('general')
          .messages.filter((m) => m.state === 'sent')
          .map((m) => m.text),
        app.name !== 'client2',
      )
    }
    console.log(
      `chaos: sent ${total}, acked ${acked.size} (+${total - acked.size} acked to a reloaded instance), stored ${stored.length}, ` +
        `delivered ${delivered}, duplicates ${duplicates}, lost ${lost}; outbox at reload ${outboxAtReload}; faults: ${faults.join('; ')}`,
    )
    expect(stored).toHaveLength(total)
    expect(duplicates).toBe(0)
    expect(lost).toBe(0)
    for (const app of apps) app.session.leave()
  })
})
