import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { afterEach, describe, expect, it } from 'vitest'
import { parseCliArgs, USAGE } from '../../server/cli/parse-args'
import { makeDataDir } from '../helpers/server'

const CLI = ['--import', 'tsx', 'server/cli/main.ts']

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the CLI to completion; `onReady` runs once its output matches `ready`, then it gets SIGTERM. */
/**
 * What a camera sees of a QR code printed in a terminal with a dark
 * background: each half block is a light module, 4 pixels a module.
 */
function decodeTerminalQr(lines: string[]): string | undefined {
  const rows = lines.flatMap((line) => {
    const cells = [...line.trim()]
    return [cells.map((cell) => cell === '█' || cell === '▀'), cells.map((cell) => cell === '█' || cell === '▄')]
  })
  const scale = 4
  const size = rows.length * scale
  const width = rows[0]!.length * scale
  const pixels = new Uint8ClampedArray(width * size * 4)
  rows.forEach((row, y) =>
    row.forEach((light, x) => {
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const at = ((y * scale + dy) * width + x * scale + dx) * 4
          pixels.fill(light ? 255 : 0, at, at + 3)
          pixels[at + 3] = 255
        }
    }),
  )
  return jsQR(pixels, width, size)?.data
}

function runCli(
  args: string[],
  ready?: { when: RegExp; then: (match: RegExpExecArray) => Promise<void> },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, PARLEY_PORT: '' },
    })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`CLI did not finish: ${stdout} ${stderr}`))
    }, 30_000)
    let readySeen = false
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      const match = ready?.when.exec(stdout)
      if (!match || readySeen) return
      readySeen = true
      ready!.then(match).then(
        () => child.kill('SIGTERM'),
        (error: unknown) => {
          child.kill('SIGKILL')
          reject(error)
        },
      )
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('CLI arguments', () => {
  it('uses flags first, then environment variables, then defaults', () => {
    expect(parseCliArgs([], {})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './parley-data',
      name: 'Parley',
      about: undefined,
      lab: false,
      qr: false,
      announce: true,
      batchFrom: 100,
      password: undefined,
      moderatorPassword: undefined,
      help: false,
    })
    expect(parseCliArgs(['--batch-from', '2'], {}).batchFrom).toBe(2)
    expect(parseCliArgs([], { PARLEY_BATCH_FROM: '500' }).batchFrom).toBe(500)
    expect(parseCliArgs(['--password', 'pw'], {}).password).toBe('pw')
    expect(parseCliArgs([], { PARLEY_PASSWORD: 'from-env' }).password).toBe('from-env')
    expect(() => parseCliArgs(['--password', ''], {})).toThrow(/^invalid password: expected 1 to 128 characters$/)
    expect(parseCliArgs(['--moderator-password', 'mod'], {}).moderatorPassword).toBe('mod')
    expect(parseCliArgs([], { PARLEY_MODERATOR_PASSWORD: 'mod-env' }).moderatorPassword).toBe('mod-env')
    expect(() => parseCliArgs(['--password', 'same', '--moderator-password', 'same'], {})).toThrow(
      /^invalid moderator password: it must differ from the password everyone gives$/,
    )
    expect(parseCliArgs(['--lab'], {}).lab).toBe(true)
    expect(parseCliArgs([], { PARLEY_LAB: '1' }).lab).toBe(true)
    expect(parseCliArgs(['--qr'], {}).qr).toBe(true)
    expect(parseCliArgs([], { PARLEY_QR: '1' }).qr).toBe(true)
    expect(parseCliArgs(['--no-announce'], {}).announce).toBe(false)
    expect(parseCliArgs(['--about', ' Lab 2: be kind '], {}).about).toBe('Lab 2: be kind')
    expect(parseCliArgs([], { PARLEY_ABOUT: 'From env' }).about).toBe('From env')
    expect(parseCliArgs(['--about', '  '], {}).about).toBeUndefined()
    for (const about of ['two\nlines', 'x'.repeat(201)]) {
      expect(() => parseCliArgs(['--about', about], {})).toThrow(
        /^invalid about: expected one line of at most 200 characters$/,
      )
    }
    expect(parseCliArgs([], { PARLEY_ANNOUNCE: '0' }).announce).toBe(false)
    expect(parseCliArgs([], { PARLEY_PORT: '4000', PARLEY_NAME: 'Lab' })).toMatchObject({ port: 4000, name: 'Lab' })
    expect(
      parseCliArgs(['--port', '5000', '--host', '127.0.0.1', '--data', '/tmp/x', '--name', 'Office'], {
        PARLEY_PORT: '4000',
      }),
    ).toEqual({
      port: 5000,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      name: 'Office',
      about: undefined,
      lab: false,
      qr: false,
      announce: true,
      batchFrom: 100,
      password: undefined,
      moderatorPassword: undefined,
      help: false,
    })
  })

  it.each([
    [['--port', 'abc'], /^invalid port "abc": expected a whole number from 0 to 65535$/],
    [['--port', '70000'], /^invalid port "70000"/],
    [['--colour'], /^Unknown option '--colour' \(see --help\)$/],
    [['stray'], /^Unexpected argument 'stray' \(see --help\)$/],
    [['--name', ''], /^invalid name/],
    [['--batch-from', '0'], /^invalid batch-from "0": expected a whole number of connections, 1 or more$/],
  ])('rejects %j with a one-line message', (argv, message) => {
    expect(() => parseCliArgs(argv, {})).toThrow(message)
  })

  it('documents every flag in --help', () => {
    for (const flag of [
      '--port',
      '--host',
      '--data',
      '--name',
      '--about',
      '--batch-from',
      '--password',
      '--moderator-password',
      '--lab',
      '--no-announce',
      '--qr',
      '--help',
    ])
      expect(USAGE).toContain(flag)
  })
})

describe('CLI process', () => {
  let blocker: Server | undefined
  let data: ReturnType<typeof makeDataDir>
  afterEach(() => {
    blocker?.close()
    blocker = undefined
    data?.remove()
  })

  it('starts, prints where to join, serves /healthz, and exits cleanly on SIGTERM', async () => {
    data = makeDataDir()
    let health: unknown
    const about = 'Floor 3 · be kind'
    const args = ['--port', '0', '--host', '127.0.0.1', '--data', data.dir, '--name', 'Office', '--about', about]
    const run = await runCli(args, {
      when: /This computer: (http:\/\/127\.0\.0\.1:\d+)\/\n/,
      then: async ([, url]) => {
        health = await (await fetch(`${url}/healthz`)).json()
      },
    })
    expect(health).toMatchObject({ status: 'ok', name: 'Office', about, connections: { total: 0 } })
    expect(run.stdout).toContain('Parley server "Office" is running')
    expect(run.stdout).toContain('On the LAN:    http://127.0.0.1:')
    expect(run.stdout).toContain('Received SIGTERM')
    // Reachable from this computer only: nothing to announce on the LAN.
    expect(run.stdout).not.toContain('Announced on the LAN')
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
  })

  it('prints a QR code of the LAN address that a camera reads, with --qr (a terminal gets one anyway)', async () => {
    data = makeDataDir()
    const run = await runCli(['--port', '0', '--host', '127.0.0.1', '--data', data.dir, '--qr'], {
      // One write: once it starts, the whole code is there by the time the server exits.
      when: /Scan to join/,
      then: async () => {},
    })
    const lines = run.stdout.split('\n')
    const url = lines
      .find((line) => line.includes('On the LAN:'))!
      .split('On the LAN:')[1]!
      .trim()
    const start = lines.findIndex((line) => line.startsWith('  Scan to join'))
    expect(lines[start]).toBe(`  Scan to join ${url}:`)
    const code = lines.slice(start + 1).filter((line) => /^ {2}[█▀▄ ]+$/.test(line) && line.trim() !== '')
    expect(decodeTerminalQr(code)).toBe(url)
    // Not asked for, and not a terminal (a log file): no picture.
    const plain = await runCli(['--port', '0', '--host', '127.0.0.1', '--data', data.dir], {
      when: /On the LAN:.*\n/,
      then: async () => {},
    })
    expect(plain.stdout).not.toContain('Scan to join')
  })

  it('exits non-zero with one line and no stack trace for a bad flag, a busy port, or an unwritable data folder', async () => {
    data = makeDataDir()
    const badFlag = await runCli(['--bogus'])
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toBe("parley: Unknown option '--bogus' (see --help)\n")

    blocker = createServer()
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    const busy = await runCli(['--port', String(port), '--host', '127.0.0.1', '--data', data.dir])
    expect(busy.code).toBe(1)
    expect(busy.stderr).toBe(`parley: port ${port} is already in use on 127.0.0.1\n`)

    const file = join(data.dir, 'not-a-folder')
    writeFileSync(file, '')
    const unwritable = await runCli(['--port', '0', '--host', '127.0.0.1', '--data', join(file, 'db')])
    expect(unwritable.code).toBe(1)
    expect(unwritable.stderr).toMatch(/^parley: data folder .*not-a-folder\/db is not writable \(ENOTDIR\)\n$/)
  })
})
