import { spawn } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fileUrl, LIMITS } from '../../protocol'
import { backupDataDir } from '../../server/storage/backup'
import { DataDirError } from '../../server/storage/database'
import { useServerFixture } from '../helpers/fixture'
import { request, sendMessage, uploadFile } from '../helpers/request'
import { joinAs, makeDataDir, startServer, type TestClient } from '../helpers/server'
import type { ParleyServer } from '../../server'

/** Runs `npm run backup`'s script to completion. */
function runBackup(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/backup-main.ts', ...args], {
      cwd: process.cwd(),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('backups', () => {
  const t = useServerFixture()
  const folders: Array<{ remove: () => void }> = []
  let restored: ParleyServer | undefined
  const clients: TestClient[] = []
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.disconnect())
    await restored?.close()
    restored = undefined
    folders.splice(0).forEach((folder) => folder.remove())
  })
  function emptyFolder(): string {
    const folder = makeDataDir()
    folders.push(folder)
    return folder.dir
  }

  it('copies a running server’s history and files, which a server run on the copy serves', async () => {
    await t.start({ rateLimits: { sendsPerSecond: 1000 } })
    const ann = await t.join('Ann')
    const said = [await t.send(ann, 'before the backup'), await t.send(ann, 'still before')]
    const bytes = Buffer.from(Array.from({ length: LIMITS.fileChunkBytes + 99 }, (_, i) => i % 253))
    const fileId = await uploadFile(ann, bytes, { name: 'plan.pdf' })
    const withFile = await sendMessage(ann, { roomId: 'general', text: 'the plan', fileId })
    if (!('data' in withFile)) throw new Error(withFile.message)
    // An upload still arriving is not in the copy.
    const half = await request(ann, 'file:begin', {
      roomId: 'general',
      name: 'half.bin',
      size: bytes.length,
      type: 'application/octet-stream',
    })
    if (!('data' in half)) throw new Error(half.message)
    const data = bytes.subarray(0, LIMITS.fileChunkBytes)
    await request(ann, 'file:chunk', { fileId: half.data.fileId, offset: 0, data })

    // Messages keep arriving while it copies; the copy is one moment, and the server is untouched.
    const to = join(emptyFolder(), 'copy')
    const sending = Promise.all(Array.from({ length: 5 }, (_, i) => t.send(ann, `during ${i}`)))
    const summary = await backupDataDir(t.dataDir, to)
    await sending
    expect(summary.files).toBe(1)
    expect(summary.filesMissing).toBe(0)
    expect(summary.messages).toBeGreaterThanOrEqual(3)
    expect(readdirSync(join(to, 'files'))).toEqual([fileId])
    expect((await t.send(ann, 'after the backup')).text).toBe('after the backup')

    restored = await startServer({ dataDir: to })
    const { client: bob } = await joinAs(restored.url, 'Bob')
    clients.push(bob)
    const history = await t.history(bob)
    const texts = history.messages.map((message) => message.text)
    expect(texts.slice(0, 3)).toEqual([...said.map((message) => message.text), 'the plan'])
    expect(texts).not.toContain('after the backup')
    expect(texts.length).toBe(summary.messages)
    const download = await fetch(fileUrl(restored.url, { id: fileId }))
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('refuses a folder with no database, and never writes over a backup', async () => {
    const nothing = emptyFolder()
    await expect(backupDataDir(nothing, join(nothing, 'copy'))).rejects.toThrow(
      new DataDirError(`no Parley database in ${nothing} (expected parley.db)`),
    )
    await t.start()
    const taken = emptyFolder()
    writeFileSync(join(taken, 'parley.db'), 'an older backup')
    await expect(backupDataDir(t.dataDir, taken)).rejects.toThrow(/backup folder .* is not empty/)
    expect(readdirSync(taken)).toEqual(['parley.db'])
  })

  it('runs as `npm run backup`, saying what it copied and how to restore it, or why it could not', async () => {
    await t.start()
    await t.send(await t.join('Ann'), 'hello')
    const to = join(emptyFolder(), 'copy')
    const done = await runBackup(['--data', t.dataDir, '--to', to])
    expect(done).toMatchObject({ code: 0, stderr: '' })
    const [summary, ...rest] = done.stdout.split('\n')
    expect(summary).toMatch(/^Backed up 1 message and 0 files \([\d.]+ MiB\) from /)
    expect(summary!.endsWith(` from ${t.dataDir}`)).toBe(true)
    expect(rest).toEqual([`  to ${to}`, `To restore, run the server on it: npm run server -- --data ${to}`, ''])

    const again = await runBackup(['--data', t.dataDir, '--to', to])
    expect(again.code).toBe(1)
    expect(again.stderr).toBe(
      `parley backup: backup folder ${to} is not empty: choose a new one, so no backup is overwritten\n`,
    )
    const bad = await runBackup(['--bogus'])
    expect(bad).toMatchObject({ code: 2, stderr: "parley backup: Unknown option '--bogus' (see --help)\n" })
  })
})
