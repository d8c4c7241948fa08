/**
 * By hand, not part of `npm run bench`: what a crowd in one room costs the
 * server. `npx tsx bench/crowd-storm.ts [people] [react|vote|typing|join]`
 * (1,000 and react by default) joins that many over Socket.IO, in one room.
 * - join: that alone, 50 at a time as after a restart, until each knows
 *   everyone is online (from its join's answer, then presence);
 * - react: one posts, then everyone gives it 👍, 50 at a time;
 * - vote: one asks a poll, then everyone votes for its first option;
 * - typing: 50 of them type, as the app says so: typing every 3 s for 12 s,
 *   then stopped, each starting 60 ms after the one before.
 * Reports the packets and bytes the server wrote meanwhile (Engine.IO
 * packets, all connections), and how long until every connection had seen
 * every reaction, vote or typist.
 */
import { TYPING_TTL_MS, type JoinResult, type Message, type MessageDelta } from '../protocol'
import { connectClient, makeDataDir, newToken, startServer, type TestClient } from '../test/helpers/server'
import { request, sendMessage } from '../test/helpers/request'

const people = Number(process.argv[2] ?? 1000)
const mode = process.argv[3] ?? 'react'
if (!['react', 'vote', 'typing', 'join'].includes(mode)) throw new Error(`react, vote, typing or join, not ${mode}`)
const TYPISTS = 50

const data = makeDataDir()
const server = await startServer({ dataDir: data.dir })
const clients: TestClient[] = []
const written = { packets: 0, bytes: 0 }
server.io.engine.on(
  'connection',
  (socket: { on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): void }) =>
    socket.on('packetCreate', ({ data }) => {
      written.packets += 1
      if (typeof data === 'string') written.bytes += Buffer.byteLength(data)
    }),
)
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Everyone reacts to one message, or votes in one poll; each connection counts the others'. */
async function storm(voting: boolean): Promise<void> {
  const posted = await sendMessage(clients[0]!, {
    roomId: 'general',
    text: 'Can everyone hear me?',
    ...(voting && { poll: { options: ['Yes', 'No'] } }),
  })
  if ('error' in posted) throw new Error(posted.message)
  const { id } = posted.data
  const seen = clients.map(() => 0)
  const given = (message: Message) =>
    (voting ? message.poll?.options[0]?.voters.length : message.reactions?.[0]?.names.length) ?? 0
  clients.forEach((client, index) => {
    const whole = (message: Message) => {
      if (message.id === id) seen[index] = Math.max(seen[index]!, given(message))
    }
    client.on('message:updated', whole)
    client.on('message:batch', (messages) => messages.forEach(whole))
    client.on('message:deltas', (deltas: MessageDelta[]) => {
      for (const delta of deltas) if (delta.id === id) seen[index]! += 1
    })
  })
  for (let i = 0; i < people; i += 50) {
    await Promise.all(
      clients
        .slice(i, i + 50)
        .map((client) =>
          voting
            ? request(client, 'message:vote', { id, option: 0 })
            : request(client, 'message:react', { id, emoji: '👍', on: true }),
        ),
    )
  }
  // A reactor has their own in the ack: a broadcast of it may not reach them.
  while (seen.some((count) => count < people - 1)) await pause(20)
}

/** Typists type for a while, then stop; each connection counts the typists it has seen stop. */
async function typing(): Promise<void> {
  const stopped = clients.map(() => new Set<string>())
  clients.forEach((client, index) => {
    const heard = ({ name, typing }: { name: string; typing: boolean }) => {
      if (!typing) stopped[index]!.add(name)
    }
    client.on('typing:changed', heard)
    client.on('typing:batch' as 'typing:changed', (events: unknown) =>
      (events as Array<{ name: string; typing: boolean }>).forEach(heard),
    )
  })
  await Promise.all(
    clients.slice(0, TYPISTS).map(async (client, index) => {
      await pause(index * 60)
      for (let round = 0; round < 4; round++) {
        await request(client, 'typing:set', { roomId: 'general', typing: true })
        await pause(TYPING_TTL_MS / 2)
      }
      await request(client, 'typing:set', { roomId: 'general', typing: false })
    }),
  )
  // A typist never hears of their own typing.
  while (stopped.some((names, index) => names.size < TYPISTS - (index < TYPISTS ? 1 : 0))) await pause(20)
}

/**
 * Joins everyone, 50 at a time (as after a restart). `heard` listens on each
 * connection before it joins, so nothing said to it meanwhile is missed.
 */
async function joinInWaves(heard?: (client: TestClient, index: number) => void): Promise<JoinResult[]> {
  const results: JoinResult[] = []
  for (let i = 0; i < people; i += 50) {
    const wave = Array.from({ length: Math.min(50, people - i) }, async (_, j) => {
      const client = connectClient(server.url)
      clients.push(client)
      heard?.(client, i + j)
      const joined = await request(client, 'session:join', { name: `p${i + j}`, token: newToken() })
      if ('error' in joined) throw new Error(joined.message)
      return joined.data
    })
    results.push(...(await Promise.all(wave)))
  }
  return results
}

/** Everyone joins; until each knows all the others are online (from its join's answer, then presence). */
async function joining(): Promise<void> {
  const known = Array.from({ length: people }, () => new Set<string>())
  const results = await joinInWaves((client, index) => {
    client.on('presence:joined', ({ name }) => known[index]!.add(name))
    client.on('presence:batch', ({ online }) => online.forEach(({ name }) => known[index]!.add(name)))
  })
  results.forEach((joined, index) => joined.members.forEach(({ name }) => known[index]!.add(name)))
  while (known.some((names) => names.size < people)) await pause(20)
}

try {
  if (mode !== 'join') {
    await joinInWaves()
    await pause(1000)
  }
  written.packets = 0
  written.bytes = 0
  const start = performance.now()
  if (mode === 'typing') await typing()
  else if (mode === 'join') await joining()
  else await storm(mode === 'vote')
  const took = (performance.now() - start) / 1000
  const what = {
    react: `${people} people each reacting once`,
    vote: `${people} people each voting once`,
    join: `${people} people joining, 50 at a time`,
    typing: `${TYPISTS} of ${people} people typing for 12 s`,
  }[mode]
  console.log(
    `${what}: seen by all in ${took.toFixed(1)} s; ` +
      `the server wrote ${written.packets.toLocaleString('en')} packets, ${(written.bytes / 1e6).toFixed(1)} MB ` +
      `(${Math.round(written.packets / took).toLocaleString('en')} packets/s)`,
  )
} finally {
  clients.forEach((client) => client.disconnect())
  await server.close()
  data.remove()
}
