import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createParleyServer, DataDirError, ListenError } from '../index'
import { parseCliArgs, UsageError, USAGE } from './parse-args'
import { joinQrCode } from './join-qr'
import { reachableFromLan } from '../discovery/announce'

/** The renderer build that `npm run build` leaves beside the sources. */
const WEB_ROOT = fileURLToPath(new URL('../../out/renderer', import.meta.url))

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2), process.env)
  if (options.help) {
    console.log(USAGE)
    return
  }
  const dataDir = resolve(options.dataDir)
  // Only a server the LAN can reach is worth listing on its join screens.
  const announced = options.announce && reachableFromLan(options.host)
  const server = await createParleyServer({
    port: options.port,
    host: options.host,
    dataDir,
    name: options.name,
    about: options.about,
    webRoot: WEB_ROOT,
    lab: options.lab,
    fanout: { minConnections: options.batchFrom },
    password: options.password,
    moderatorPassword: options.moderatorPassword,
    announce: announced,
  })

  console.log(`Parley server "${options.name}" is running. Data: ${dataDir}`)
  console.log(`  This computer: ${server.url}/`)
  for (const url of server.lanUrls) console.log(`  On the LAN:    ${url}`)
  if (server.lanUrls.length === 0) console.log('  (no LAN interface found: only this computer can join)')
  // Phones join by pointing a camera at the screen; a log file gets no picture unless asked.
  const scanUrl = server.lanUrls[0]
  if (scanUrl && (options.qr || process.stdout.isTTY)) console.log(joinQrCode(scanUrl))
  if (announced)
    console.log('  Announced on the LAN: desktop apps list it on their join screen (--no-announce to stop).')
  if (options.password) console.log('  A password is required to join.')
  if (options.moderatorPassword) console.log('  Moderators join with the moderator password.')
  if (options.lab) console.log('  Lab mode: each web client can degrade its own link from the Network panel.')
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    console.log('  Note: the web client is not built yet; run `npm run build` to serve it at /.')
  }

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(`Received ${signal}: closing connections and the database.`)
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof ListenError || error instanceof DataDirError
  console.error(`parley: ${known ? error.message : String(error)}`)
  process.exit(error instanceof UsageError ? 2 : 1)
})
