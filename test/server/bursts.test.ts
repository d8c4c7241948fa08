import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBursts } from '../../server/socket/bursts'

describe('bursts', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('holds what is offered while a window is open, sends it together, and closes once a window stays empty', () => {
    const sent: Array<[string, number[]]> = []
    const bursts = createBursts<number>(20, (key, items) => sent.push([key, items]))
    expect(bursts.offer('room', 1)).toBe(false)
    bursts.open('room')
    expect(bursts.offer('room', 2)).toBe(true)
    expect(bursts.offer('room', 3)).toBe(true)
    expect(bursts.offer('other', 9)).toBe(false)
    vi.advanceTimersByTime(19)
    expect(sent).toEqual([])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([['room', [2, 3]]])
    // The burst went on, so a new window opened; it closes empty and stops holding.
    expect(bursts.offer('room', 4)).toBe(true)
    vi.advanceTimersByTime(20)
    expect(sent.at(-1)).toEqual(['room', [4]])
    vi.advanceTimersByTime(20)
    expect(bursts.offer('room', 5)).toBe(false)
  })

  it('reads a window length given as a function each time a window opens', () => {
    let length = 100
    const sent: number[][] = []
    const bursts = createBursts<number>(
      () => length,
      (_, items) => sent.push(items),
    )
    bursts.open('everyone')
    bursts.offer('everyone', 1)
    length = 300
    vi.advanceTimersByTime(100)
    expect(sent).toEqual([[1]])
    bursts.offer('everyone', 2)
    vi.advanceTimersByTime(299)
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([[1], [2]])
  })

  it('flush sends everything waiting and closes every window', () => {
    const sent: Array<[string, number[]]> = []
    const bursts = createBursts<number>(1000, (key, items) => sent.push([key, items]))
    bursts.open('a')
    bursts.open('b')
    bursts.offer('a', 1)
    bursts.flush()
    expect(sent).toEqual([['a', [1]]])
    expect(bursts.offer('a', 2)).toBe(false)
    vi.advanceTimersByTime(5000)
    expect(sent).toHaveLength(1)
  })
})
