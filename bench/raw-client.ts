import { WebSocket } from 'ws'

/**
 * A joined Parley client that speaks Engine.IO/Socket.IO directly over one
 * WebSocket: thousands of these fit in one process, where socket.io-client
 * instances would make the benchmark the bottleneck. It answers pings and
 * otherwise stays idle.
 */
export function rawWebsocketClient(url: string, name: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`)
    const timer = setTimeout(() => {
      socket.terminate()
      reject(new Error(`${name}: no join ack`))
    }, 30_000)
    socket.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.on('message', (data) => {
      const packet = data.toString()
      if (packet.startsWith('0')) socket.send('40')
      else if (packet === '2') socket.send('3')
      else if (packet.startsWith('40')) {
        socket.send(`420${JSON.stringify(['session:join', { name, token: `${name}-token-padding` }])}`)
      } else if (packet.startsWith('430')) {
        clearTimeout(timer)
        resolve(socket)
      }
    })
  })
}
