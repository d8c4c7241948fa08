import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watchIdle } from '../../src-renderer/src/lib/idle-watch'

describe('watching for someone away', () => {
  const page = new EventTarget()
  const changes: boolean[] = []
  let stop = (): void => {}
  beforeEach(() => {
    vi.useFakeTimers()
    changes.length = 0
  })
  afterEach(() => {
    stop()
    vi.useRealTimers()
  })

  it('is away after the time with no input, back at the first key, and away again after the time again', async () => {
    stop = watchIdle(page, (idle) => changes.push(idle), { afterMs: 60_000 })
    await vi.advanceTimersByTimeAsync(30_000)
    page.dispatchEvent(new Event('pointermove'))
    // A minute after the start, but only 30 s after the move: not yet.
    await vi.advanceTimersByTimeAsync(30_000)
    expect(changes).toEqual([])
    await vi.advanceTimersByTimeAsync(30_000)
    expect(changes).toEqual([true])
    page.dispatchEvent(new Event('keydown'))
    expect(changes).toEqual([true, false])
    // Moving on and on while there is no news says nothing more.
    for (let i = 0; i < 5; i++) page.dispatchEvent(new Event('pointermove'))
    expect(changes).toEqual([true, false])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(changes).toEqual([true, false, true])
    stop()
    page.dispatchEvent(new Event('keydown'))
    expect(changes).toEqual([true, false, true])
  })

  it('in the desktop app, stays in while the computer is in use elsewhere, and sees someone back there', async () => {
    let systemIdleMs = 0
    const systemIdle = vi.fn(async () => systemIdleMs)
    stop = watchIdle(page, (idle) => changes.push(idle), { afterMs: 60_000, pollMs: 10_000, systemIdleMs: systemIdle })
    // No input in the page for a minute, but some in another window 20 s ago: checked again 40 s on.
    systemIdleMs = 20_000
    await vi.advanceTimersByTimeAsync(60_000)
    expect(changes).toEqual([])
    systemIdleMs = 60_000
    await vi.advanceTimersByTimeAsync(40_000)
    expect(changes).toEqual([true])
    // Someone types in another window: seen at the next ask.
    systemIdleMs = 1_000
    await vi.advanceTimersByTimeAsync(10_000)
    expect(changes).toEqual([true, false])
    expect(systemIdle).toHaveBeenCalledTimes(3)
  })

  it('goes by the page alone when the system cannot say', async () => {
    stop = watchIdle(page, (idle) => changes.push(idle), {
      afterMs: 60_000,
      systemIdleMs: () => Promise.reject(new Error('bridge gone')),
    })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(changes).toEqual([true])
  })
})
