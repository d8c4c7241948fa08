import { parseArgs } from 'node:util'
import { LIMITS } from '../../protocol'
import { DEFAULT_FANOUT } from '../messages/message-fanout'

export interface CliOptions {
  port: number
  host: string
  dataDir: string
  name: string
  /** A line about the server for the join screen (what it is for, its rules); undefined for none. */
  about: string | undefined
  lab: boolean
  /** Print a QR code of the LAN address even when the output is not a terminal (it is, in one). */
  qr: boolean
  /** Announce the server on the LAN (mDNS), so desktop apps list it on their join screen. */
  announce: boolean
  /** Rooms with at least this many connections send bursts of messages as one packet. */
  batchFrom: number
  /** A shared password for the LAN; undefined for none. */
  password: string | undefined
  /** The password that makes whoever gives it a moderator; undefined for none. */
  moderatorPassword: string | undefined
  help: boolean
}

/** Thrown for a bad flag or value; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

const FLAGS = {
  port: { env: 'PARLEY_PORT', fallback: '3000', help: 'TCP port to listen on (0 picks a free one)' },
  host: { env: 'PARLEY_HOST', fallback: '0.0.0.0', help: 'address to listen on; 0.0.0.0 is every interface' },
  data: { env: 'PARLEY_DATA', fallback: './parley-data', help: 'folder for the message database' },
  name: { env: 'PARLEY_NAME', fallback: 'Parley', help: 'server name shown to people who join' },
  'batch-from': {
    env: 'PARLEY_BATCH_FROM',
    fallback: String(DEFAULT_FANOUT.minConnections),
    help: `rooms with this many connections or more send a burst of messages, reactions or votes as one packet, ${DEFAULT_FANOUT.windowMs} ms at most behind the first (typing, ${DEFAULT_FANOUT.presenceWindowMs} ms)`,
  },
} as const

export const USAGE = [
  'Usage: npm run server -- [options]',
  '',
  'Options:',
  ...Object.entries(FLAGS).map(
    ([flag, { env, fallback, help }]) => `  --${flag.padEnd(11)} ${help} (env ${env}, default ${fallback})`,
  ),
  '  --about       one line about the server for the join screen: what it is for, its rules (env PARLEY_ABOUT)',
  '  --password    a password everyone must give to join (env PARLEY_PASSWORD; prefer the env variable: flags show in ps)',
  "  --moderator-password  a password that makes whoever gives it on joining a moderator, who may delete anyone's message in public rooms (env PARLEY_MODERATOR_PASSWORD)",
  '  --lab         lab mode: each web client gets its own netsim link to degrade (env PARLEY_LAB=1)',
  '  --no-announce do not announce the server on the LAN over mDNS, where desktop apps list it (env PARLEY_ANNOUNCE=0)',
  '  --qr          print a QR code of the LAN address to scan, also when the output is not a terminal (env PARLEY_QR=1; in a terminal it always is)',
  '  --help        show this help',
].join('\n')

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        data: { type: 'string' },
        name: { type: 'string' },
        about: { type: 'string' },
        'batch-from': { type: 'string' },
        lab: { type: 'boolean' },
        qr: { type: 'boolean' },
        'no-announce': { type: 'boolean' },
        password: { type: 'string' },
        'moderator-password': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    // node:util's messages are long and mention internals; keep the first sentence.
    const message = (error as Error).message.split('. ')[0]!.replace(/\.$/, '')
    throw new UsageError(`${message} (see --help)`)
  }
  const pick = (flag: keyof typeof FLAGS): string =>
    (values[flag] as string | undefined) ?? env[FLAGS[flag].env] ?? FLAGS[flag].fallback

  const portText = pick('port')
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UsageError(`invalid port "${portText}": expected a whole number from 0 to 65535`)
  }
  const host = pick('host').trim()
  if (host === '') throw new UsageError('invalid host: expected an address such as 0.0.0.0 or 127.0.0.1')
  const dataDir = pick('data')
  if (dataDir.trim() === '') throw new UsageError('invalid data folder: expected a path')
  const name = pick('name').trim()
  if (name.length < 1 || name.length > LIMITS.serverNameMaxLength)
    throw new UsageError(`invalid name: expected 1 to ${LIMITS.serverNameMaxLength} characters`)
  const about = ((values.about as string | undefined) ?? env.PARLEY_ABOUT)?.trim() || undefined
  if (about !== undefined && (about.length > LIMITS.serverAboutMaxLength || /[\r\n]/.test(about))) {
    throw new UsageError(`invalid about: expected one line of at most ${LIMITS.serverAboutMaxLength} characters`)
  }
  const batchText = pick('batch-from')
  const batchFrom = Number(batchText)
  if (!/^\d+$/.test(batchText) || batchFrom < 1) {
    throw new UsageError(`invalid batch-from "${batchText}": expected a whole number of connections, 1 or more`)
  }
  const lab = values.lab === true || env.PARLEY_LAB === '1' || env.PARLEY_LAB === 'true'
  const qr = values.qr === true || env.PARLEY_QR === '1' || env.PARLEY_QR === 'true'
  const announce = values['no-announce'] !== true && env.PARLEY_ANNOUNCE !== '0' && env.PARLEY_ANNOUNCE !== 'false'
  const password = (values.password as string | undefined) ?? env.PARLEY_PASSWORD
  if (password !== undefined && (password.length === 0 || password.length > LIMITS.passwordMaxLength)) {
    throw new UsageError(`invalid password: expected 1 to ${LIMITS.passwordMaxLength} characters`)
  }
  const moderatorPassword = (values['moderator-password'] as string | undefined) ?? env.PARLEY_MODERATOR_PASSWORD
  if (
    moderatorPassword !== undefined &&
    (moderatorPassword.length === 0 || moderatorPassword.length > LIMITS.passwordMaxLength)
  ) {
    throw new UsageError(`invalid moderator password: expected 1 to ${LIMITS.passwordMaxLength} characters`)
  }
  if (moderatorPassword !== undefined && moderatorPassword === password) {
    throw new UsageError('invalid moderator password: it must differ from the password everyone gives')
  }
  return {
    port,
    host,
    dataDir,
    name,
    about,
    lab,
    qr,
    announce,
    batchFrom,
    password,
    moderatorPassword,
    help: values.help === true,
  }
}
