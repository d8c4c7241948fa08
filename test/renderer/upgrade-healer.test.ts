import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_HEALER_OPTIONS, UpgradeHealer } from '../../src-renderer/src/lib/upgrade-healer'

/** An engine as far as the healer reads it. */
function fakeEngine(upgrading: boolean) {
  const handlers = new Map<string, Array<(...args: unknown[]) => void>>()
  return {
    upgrading,
    readyState: 'open',
    transport: { name: 'polling' },
    close: vi.fn(),
    _onClose: vi.fn() as ((reason: string, description?: Error) => void) | undefined,
    on(event: string, handler: (...args: unknown[]) => void) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler])
    },
    emit(event: string, ...args: unknown[]) {
      for (const handler of handlers.get(event) ?? []) handler(...args)
    },
  }
}

function healerWith(engine: ReturnType<typeof fakeEngine>) {
  const events = { fallback: vi.fn(), healScheduled: vi.fn(), probe: vi.fn() }
  const manager = { opts: { upgrade: true } }
  const healer = new UpgradeHealer(manager as never, DEFAULT_HEALER_OPTIONS, events)
  healer.attach(engine as never)
  return { healer, events }
}

describe('upgrade healer', () => {
  it('reconnects at once when a probe fails mid-switch and leaves the engine wedged', () => {
    const engine = fakeEngine(true)
    const { healer, events } = healerWith(engine)
    const error = new Error('probe error: transport closed')
    engine.emit('upgradeError', error)
    // Not close(): engine.io-client's waits for the switch to end, which never comes (test/stores/healer.test.ts).
    expect(engine._onClose).toHaveBeenCalledWith('transport error', error)
    expect(engine.close).not.toHaveBeenCalled()
    expect(events.probe).toHaveBeenCalledWith('Upgrade failed mid-switch: reconnecting on long-polling')
    healer.dispose()
  })

  it('falls back to the public close() on an engine without the internal one', () => {
    const engine = fakeEngine(true)
    engine._onClose = undefined
    const { healer } = healerWith(engine)
    engine.emit('upgradeError', new Error('probe error: transport closed'))
    expect(engine.close).toHaveBeenCalledOnce()
    healer.dispose()
  })

  it('stays on long-polling and schedules a retry when a probe fails before the switch', () => {
    const engine = fakeEngine(false)
    const { healer, events } = healerWith(engine)
    engine.emit('upgradeError', new Error('probe error: transport closed'))
    expect(engine.close).not.toHaveBeenCalled()
    expect(events.fallback).toHaveBeenCalledOnce()
    expect(events.healScheduled).toHaveBeenCalledWith(DEFAULT_HEALER_OPTIONS.firstRetryMs, 1)
    healer.dispose()
  })
})
