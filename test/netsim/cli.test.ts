import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'

function startCli(args: string[]): {
  child: ChildProcessWithoutNullStreams
  output: () => string
  exited: Promise<number | null>
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'netsim/cli.ts', ...args], { cwd: process.cwd() })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { child, output: () => output, exited }
}

describe('netsim CLI', () => {
  let running: ReturnType<typeof startCli> | undefined
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM')
      await running.exited
    }
    running = undefined
  })

  it('switches profiles typed on stdin, logs every change, and explains a bad one', async () => {
    running = startCli(['--listen', '0', '--target', 'http://127.0.0.1:9', '--profile', 'latency=5'])
    await expect
      .poll(() => running!.output(), { timeout: 20_000 })
      .toMatch(/Point clients at http:\/\/127\.0\.0\.1:\d+\//)
    expect(running.output()).toMatch(/\(latency=5\)/)
    running.child.stdin.write('block-websocket\n')
    await expect.poll(() => running!.output()).toContain('netsim: profile latency=5 → block-websocket')
    running.child.stdin.write('profile teleport\n')
    await expect.poll(() => running!.output()).toContain('netsim: unknown profile "teleport"')
    running.child.stdin.write('status\n')
    await expect.poll(() => running!.output()).toContain('netsim: block-websocket')
  })

  it('rejects a bad profile or flag with one line and exit code 2', async () => {
    running = startCli(['--target', 'http://127.0.0.1:9', '--profile', 'latency=fast'])
    expect(await running.exited).toBe(2)
    expect(running.output()).toBe('netsim: invalid value in "latency=fast": expected a number from 0 to 60000\n')
    running = startCli(['--listen', '0'])
    expect(await running.exited).toBe(2)
    expect(running.output()).toBe('netsim: --target is required, e.g. --target http://127.0.0.1:3000\n')
  })
})
