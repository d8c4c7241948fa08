import type { ParleyBridge } from '../../../protocol'

/** The desktop app's preload bridge, or undefined in a plain browser. */
export function desktopBridge(): ParleyBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.parley
}

export function isDesktop(): boolean {
  return desktopBridge() !== undefined
}
