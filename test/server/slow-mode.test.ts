import { describe, expect, it } from 'vitest'
import type { Room } from '../../protocol'
import { createSlowMode } from '../../server/rooms/slow-mode'

describe('slow mode’s clock', () => {
  const slow = (seconds: number, id = 'lab'): Room => ({ id, kind: 'room', name: id, slowModeSeconds: seconds })

  it('lets each person post once per interval in each room, whatever the spelling of their name', () => {
    const clock = createSlowMode()
    const lab = slow(30)
    expect(clock.take(lab, 'Ann', 1_000)).toBe(0)
    expect(clock.take(lab, 'ann', 11_000)).toBe(20_000)
    // Someone else, or the same person elsewhere, is not held back.
    expect(clock.take(lab, 'Bob', 11_000)).toBe(0)
    expect(clock.take(slow(30, 'news'), 'Ann', 11_000)).toBe(0)
    // A refused try does not start the wait again.
    expect(clock.take(lab, 'Ann', 30_999)).toBe(1)
    expect(clock.take(lab, 'Ann', 31_000)).toBe(0)
    expect(clock.take(lab, 'Ann', 31_001)).toBe(29_999)
  })

  it('holds nobody back in a room out of slow mode, or once the room’s interval is shortened', () => {
    const clock = createSlowMode()
    const room: Room = { id: 'lab', kind: 'room', name: 'lab' }
    expect([clock.take(room, 'Ann', 0), clock.take(room, 'Ann', 1)]).toEqual([0, 0])
    expect(clock.take(slow(300), 'Ann', 10_000)).toBe(0)
    expect(clock.take(slow(10), 'Ann', 20_000)).toBe(0)
  })
})
