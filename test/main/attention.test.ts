import { describe, expect, it, vi } from 'vitest'
import { createAttention, type AttentionWindow } from '../../src-main/attention'

function fakeWindow(focused: boolean): AttentionWindow & { flashes: boolean[] } {
  const flashes: boolean[] = []
  return { flashes, isFocused: () => focused, flashFrame: (flag) => void flashes.push(flag) }
}

describe('dock and taskbar attention', () => {
  it('badges every count, flashes a background window for a message that notifies, and stops at zero', () => {
    const badge = vi.fn()
    const window = fakeWindow(false)
    const attention = createAttention(badge, () => window)
    attention.setUnread(1)
    attention.setUnread(3)
    attention.setUnread(2)
    expect(badge.mock.calls).toEqual([[1], [3], [2]])
    // Unread messages alone ask for nothing: the notification level decides.
    expect(window.flashes).toEqual([])
    attention.notified()
    expect(window.flashes).toEqual([true])
    attention.setUnread(0)
    expect(window.flashes).toEqual([true, false])
  })

  it('does not flash a window that has focus, and stops flashing when it gets it', () => {
    const focusedWindow = fakeWindow(true)
    const attention = createAttention(
      () => {},
      () => focusedWindow,
    )
    attention.setUnread(5)
    attention.notified()
    expect(focusedWindow.flashes).toEqual([])
    attention.focused()
    expect(focusedWindow.flashes).toEqual([false])
  })

  it('still badges with no window open', () => {
    const badge = vi.fn()
    const attention = createAttention(badge, () => null)
    attention.setUnread(2)
    attention.notified()
    attention.focused()
    expect(badge).toHaveBeenCalledWith(2)
  })
})
