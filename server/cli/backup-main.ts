import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DataDirError } from '../storage/database'
import { backupDataDir } from '../storage/backup'

const USAGE = [
  'Usage: npm run backup -- [--data <folder>] [--to <folder>]',
  '',
  'Copies a data folder, its database and uploaded files, while its server keeps running.',
  '  --data   the data folder to copy (env PARLEY_DATA, default ./parley-data)',
  '  --to     a new or empty folder for the copy (default ./parley-backup-<date>-<time>)',
  '  --help   show this help',
  '',
  'To restore, run the server on the copy: npm run server -- --data <folder>',
].join('\n')

class UsageError extends Error {}

/** `2026-12-07-0930`: sorts by time, and is a valid folder name everywhere. */
function stamp(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

async function main(): Promise<void> {
  let values: { data?: string; to?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
      options: { data: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }))
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('. ')[0]!.replace(/\.$/, '')} (see --help)`)
  }
  if (values.help) return console.log(USAGE)
  const from = resolve(values.data ?? process.env.PARLEY_DATA ?? './parley-data')
  const to = resolve(values.to ?? `./parley-backup-${stamp(new Date())}`)
  const { messages, files, filesMissing, bytes } = await backupDataDir(from, to)
  const megabytes = (bytes / 1_048_576).toFixed(1)
  console.log(`Backed up ${count(messages, 'message')} and ${count(files, 'file')} (${megabytes} MiB) from ${from}`)
  console.log(`  to ${to}`)
  if (filesMissing > 0) {
    console.log(
      `  (${count(filesMissing, 'file')} deleted while the copy was made ${filesMissing === 1 ? 'is' : 'are'} not in it)`,
    )
  }
  console.log(`To restore, run the server on it: npm run server -- --data ${to}`)
}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof DataDirError
  console.error(`parley backup: ${known ? error.message : String(error)}`)
  process.exit(error instanceof UsageError ? 2 : 1)
})
