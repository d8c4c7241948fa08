import { desktopBridge } from './bridge'

/**
 * How long the whole computer has had no input, in ms, in the desktop app;
 * undefined in a browser, which sees only its own page.
 */
export function systemIdleReader(): (() => Promise<number | null>) | undefined {
  const bridge = desktopBridge()
  if (!bridge) return undefined
  return async () => {
    const result = await bridge.getIdleSeconds()
    return 'data' in result ? result.data * 1000 : null
  }
}
