/**
 * By hand, not part of `npm run bench`: what a crowd reacting to one message,
 * or voting in one poll, costs. `npx tsx bench/reaction-storm.ts [people]
 * [react|vote]` (1,000 and react by default) joins that many over
 * Socket.IO, in one room; one posts (a poll, to vote), then everyone gives
 * it the same reaction (or votes for the same option), 50 at a time.
 * Reports the bytes the server wrote meanwhile (Engine.IO packets, all
 * connections), and how long until every connection has seen every one.
 */
import type { Message, MessageDelta } from '../protocol'
import { joinAs, makeDataDir, startServer, type TestClient } from '../test/helpers/server'
import { request, sendMessage } from '../test/helpers/request'

const people = Number(process.argv[2] ?? 1000)
const voting = process.argv[3] === 'vote'
const data = makeDataDir()
const server = await startServer({ dataDir: data.dir })
const clients: TestClient[] = []
let written = 0
server.io.engine.on(
  'connection',
  (socket: { on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): void }) =>
    socket.on('packetCreate', ({ data }) => {
      if (typeof data === 'string') written += Buffer.byteLength(data)
    }),
)
try {
  for (let i = 0; i < people; i += 50) {
    const names = Array.from({ length: Math.min(50, people - i) }, (_, j) => `p${i + j}`)
    clients.push(...(await Promise.all(names.map((name) => joinAs(server.url, name)))).map(({ client }) => client))
  }
  const posted = await sendMessage(clients[0]!, {
    roomId: 'general',
    text: voting ? 'Can everyone hear me?' : 'Can everyone hear me? 👍 if so',
    ...(voting && { poll: { options: ['Yes', 'No'] } }),
  })
  if ('error' in posted) throw new Error(posted.message)
  const id = posted.data.id
  // How many reactions (or votes) each connection has seen on the message, from whichever event brings them.
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
  written = 0
  const start = performance.now()
  for (let i = 0; i < people; i += 50) {
    const wave = clients.slice(i, i + 50)
    await Promise.all(
      wave.map((client) =>
        voting
          ? request(client, 'message:vote', { id, option: 0 })
          : request(client, 'message:react', { id, emoji: '👍', on: true }),
      ),
    )
  }
  const reacted = performance.now() - start
  // A reactor has their own in the ack: a broadcast of it may not reach them.
  while (seen.some((count) => count < people - 1)) await new Promise((resolve) => setTimeout(resolve, 20))
  const all = performance.now() - start
  console.log(
    `${people} people, each ${voting ? 'voting' : 'reacting'} once: acked in ${Math.round(reacted)} ms, seen by all in ${Math.round(all)} ms; ` +
      `server wrote ${(written / 1e6).toFixed(1)} MB (${Math.round(written / people / people)} B per ${voting ? 'vote' : 'reaction'} per connection)`,
  )
} finally {
  clients.forEach((client) => client.disconnect())
  await server.close()
  data.remove()
}
