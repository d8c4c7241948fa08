import { WebSocket } from 'ws'

export interface RawClientOptions {
  /** Join Parley under this name; without it, only connect (the relays). */
  join?: string
  /** Every event packet (`42…`) as received, undecoded. */
  onEvent?: (packet: string) => void
}

/**
 * A client that speaks Engine.IO/Socket.IO directly over one WebSocket:
 * thousands of these fit in one process, where socket.io-client instances
 * would make the benchmark the bottleneck. It answers pings, joins Parley if
 * asked, and hands event packets over without decoding them.
 */
export function rawWebsocketClient(url: string, { join, onEvent }: RawClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`)
    const timer = setTimeout(() => {
      socket.terminate()
      reject(new Error(`${join ?? 'relay client'}: not ready in time`))
    }, 60_000)
    const ready = (): void => {
      clearTimeout(timer)
      resolve(socket)
    }
    socket.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.on('message', (data) => {
      const packet = data.toString()
      if (packet.startsWith('42')) onEvent?.(packet)
      else if (packet === '2') socket.send('3')
      else if (packet.startsWith('0')) socket.send('40')
      else if (packet.startsWith('40')) {
        if (join === undefined) ready()
        else socket.send(`420${JSON.stringify(['session:join', { name: join, token: `${join}-token-padding` }])}`)
      } else if (packet.startsWith('430')) ready()
    })
  })
}
