/**
 * Gathers bursts, per key: while a key's window is open, items wait and go
 * out together when it ends, and the window stays open for as long as the
 * burst goes on. The first item of a burst is the caller's to send at once.
 */
export interface Bursts<T> {
  /** Queues the item if a window is open for the key; false means "send it yourself". */
  offer(key: string, item: T): boolean
  /** Opens a window for the key: what is offered in the next `windowMs` waits. */
  open(key: string): void
  /** Sends everything waiting now and closes every window (before a shutdown). */
  flush(): void
}

/** `windowMs` may be a function, read each time a window opens. */
export function createBursts<T>(windowMs: number | (() => number), send: (key: string, items: T[]) => void): Bursts<T> {
  const length = typeof windowMs === 'number' ? () => windowMs : windowMs
  const windows = new Map<string, { waiting: T[]; timer: NodeJS.Timeout }>()

  function open(key: string): void {
    windows.set(key, { waiting: [], timer: setTimeout(() => close(key), length()) })
  }

  function close(key: string): void {
    const window = windows.get(key)
    if (!window) return
    windows.delete(key)
    if (window.waiting.length === 0) return
    send(key, window.waiting)
    open(key)
  }

  return {
    offer(key, item) {
      const window = windows.get(key)
      if (!window) return false
      window.waiting.push(item)
      return true
    },
    open,
    flush() {
      for (const [key, window] of windows) {
        clearTimeout(window.timer)
        if (window.waiting.length > 0) send(key, window.waiting)
      }
      windows.clear()
    },
  }
}
