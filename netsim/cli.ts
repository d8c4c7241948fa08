import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createNetsim } from './create-netsim'
import { describeProfile, PROFILE_HELP, ProfileError } from './profile'

const USAGE = `Usage: npm run netsim -- --target <url> [--listen <port>] [--host <address>] [--profile <profile>]

Puts a degradable link between clients and a Parley server.
  --target   the server, e.g. http://127.0.0.1:3000 (required)
  --listen   port for clients to connect to (default 3001; 0 picks one)
  --host     address to listen on (default 127.0.0.1)
  --profile  ${PROFILE_HELP} (default clean)

Switch profiles while it runs:
  - type a profile on stdin, e.g. "latency=300,jitter=100" or "block-websocket"; "status" shows the current one
  - or: curl -X POST --data block-websocket http://127.0.0.1:3001/__netsim`

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        target: { type: 'string' },
        listen: { type: 'string', default: '3001' },
        host: { type: 'string', default: '127.0.0.1' },
        profile: { type: 'string', default: 'clean' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    throw new ProfileError(`${(error as Error).message.split('. ')[0]} (see --help)`)
  }
  if (values.help) return console.log(USAGE)
  if (!values.target) throw new ProfileError('--target is required, e.g. --target http://127.0.0.1:3000')
  const port = Number(values.listen)
  if (!/^\d+$/.test(values.listen) || port > 65535) throw new ProfileError(`invalid port "${values.listen}"`)

  const netsim = await createNetsim({
    target: values.target,
    port,
    host: values.host,
    profile: values.profile,
    log: (line) => console.log(line),
  })
  console.log(`Point clients at ${netsim.url}/ — type a profile to switch, "status", or "help".`)

  const input = createInterface({ input: process.stdin, terminal: false })
  input.on('line', (line) => {
    const command = line.trim()
    if (command === '') return
    if (command === 'status') return console.log(`netsim: ${describeProfile(netsim.profile())}`, netsim.stats())
    if (command === 'help') return console.log(PROFILE_HELP)
    try {
      netsim.setProfile(command.replace(/^profile\s+/, ''))
    } catch (error) {
      console.log(`netsim: ${(error as Error).message}`)
    }
  })
  const stop = (): void => void netsim.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  const known = error instanceof ProfileError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
  console.error(`netsim: ${known ? (error as Error).message : String(error)}`)
  process.exit(error instanceof ProfileError ? 2 : 1)
})
