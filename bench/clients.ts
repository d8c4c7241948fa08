import { Fetch, NodeWebSocket } from 'engine.io-client'
import { io, type Socket } from 'socket.io-client'
import { WebSocket } from 'ws'

/** A sender and a receiver over one system; sequence numbers travel as the message text. */
export interface Pair {
  send(seq: number): void
  onReceive(listener: (seq: number) => void): void
  close(): void
}

const until = async (check: () => boolean, ms = 15_000): Promise<void> => {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out while setting up')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Long-polling through fetch, as in a browser: HTTP keep-alive reuses one
 * connection. (socket.io-client's default in Node, an XMLHttpRequest
 * polyfill, opens a new TCP connection for every poll, which no real client does.)
 */
const transportsFor = (transport: 'websocket' | 'polling') =>
  transport === 'polling' ? [Fetch] : [Fetch, NodeWebSocket]

let names = 0
/** A joined Parley client; `websocket` waits for the upgrade, otherwise long-polling only. */
export async function parleyClient(url: string, transport: 'websocket' | 'polling'): Promise<Socket> {
  const socket = io(url, {
    forceNew: true,
    reconnection: false,
    transports: transportsFor(transport),
  })
  const name = `bench${process.pid}-${names++}`
  try {
    const joined = await socket.timeout(20_000).emitWithAck('session:join', { name, token: `${name}-token-padding` })
    if ('error' in joined) throw new Error(String(joined.message))
    if (transport === 'websocket') await until(() => socket.io.engine?.transport.name === 'websocket')
    return socket
  } catch (error) {
    // Not left connected: a connection that never joined would count in the server's memory.
    socket.disconnect()
    throw error
  }
}

export async function parleyPair(url: string, transport: 'websocket' | 'polling'): Promise<Pair> {
  const sender = await parleyClient(url, transport)
  const receiver = await parleyClient(url, transport)
  return {
    send: (seq) => void sender.emit('message:send', { roomId: 'general', text: String(seq) }, () => {}),
    onReceive: (listener) =>
      receiver.on('message:created', (message: { text: string }) => listener(Number(message.text))),
    close: () => [sender, receiver].forEach((socket) => socket.disconnect()),
  }
}

/** The seed's short polling: a REST history endpoint asked every `intervalMs` with an `after` cursor. */
export async function shortPollingPair(url: string, intervalMs: number): Promise<Pair> {
  const sender = await parleyClient(url, 'websocket')
  let cursor = 0
  let listener: (seq: number) => void = () => {}
  let polling = false
  const poll = async (): Promise<void> => {
    if (polling) return
    polling = true
    try {
      const page = (await (await fetch(`${url}/api/rooms/general/messages?after=${cursor}`)).json()) as {
        messages: Array<{ id: number; text: string }>
      }
      for (const message of page.messages) {
        cursor = message.id
        listener(Number(message.text))
      }
    } finally {
      polling = false
    }
  }
  const first = (await (await fetch(`${url}/api/rooms/general/messages`)).json()) as { messages: Array<{ id: number }> }
  cursor = first.messages.at(-1)?.id ?? 0
  const timer = setInterval(() => void poll(), intervalMs)
  return {
    send: (seq) => void sender.emit('message:send', { roomId: 'general', text: String(seq) }, () => {}),
    onReceive: (next) => (listener = next),
    close: () => {
      clearInterval(timer)
      sender.disconnect()
    },
  }
}

export async function socketioRelayClient(url: string, transport: 'websocket' | 'polling'): Promise<Socket> {
  const socket = io(url, {
    forceNew: true,
    reconnection: false,
    transports: transportsFor(transport),
  })
  await until(() => socket.connected && (transport === 'polling' || socket.io.engine?.transport.name === 'websocket'))
  return socket
}

/**
 * The relays write to every connection in the order they connected, the
 * sender included. The receiver connects first, so it is always written to
 * first: each relay's best case, the same in every run.
 */
export async function socketioRelayPair(url: string): Promise<Pair> {
  const receiver = await socketioRelayClient(url, 'websocket')
  const sender = await socketioRelayClient(url, 'websocket')
  return {
    send: (seq) => void sender.emit('chat', String(seq)),
    onReceive: (listener) => receiver.on('chat', (text: string) => listener(Number(text))),
    close: () => [sender, receiver].forEach((socket) => socket.disconnect()),
  }
}

export async function wsRelayPair(url: string): Promise<Pair> {
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(url.replace('http', 'ws'))
      socket.once('open', () => resolve(socket))
      socket.once('error', reject)
    })
  // The receiver first, as for the Socket.IO relay.
  const receiver = await open()
  const sender = await open()
  return {
    send: (seq) => sender.send(String(seq)),
    onReceive: (listener) => receiver.on('message', (data) => listener(Number(data.toString()))),
    close: () => [sender, receiver].forEach((socket) => socket.close()),
  }
}
