import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import type { FoundServer } from '../../../protocol'
import { desktopBridge } from '../platform/bridge'

/**
 * How long after each ask the next one goes, then every minute: a server that
 * crashed (and so never said goodbye) leaves the list within about a minute,
 * while an open join screen asks the LAN less and less often, as mDNS asks
 * of continuous queries (RFC 6762, 5.2).
 */
export const REASK_AFTER_MS = [5_000, 10_000, 20_000, 40_000, 60_000] as const

/**
 * The Parley servers the desktop app hears announcing themselves on the LAN,
 * kept current while the calling component is mounted. None in a browser,
 * which cannot listen for them (and is at its server already).
 */
export function useFoundServers(): Ref<FoundServer[]> {
  const servers = ref<FoundServer[]>([])
  const bridge = desktopBridge()
  if (!bridge) return servers
  let stop = (): void => {}
  let next: ReturnType<typeof setTimeout> | undefined
  let mounted = true

  async function ask(times: number): Promise<void> {
    const result = await bridge!.findServers()
    if (!mounted) return
    if ('data' in result) servers.value = result.data
    const wait = REASK_AFTER_MS[Math.min(times, REASK_AFTER_MS.length - 1)]
    next = setTimeout(() => void ask(times + 1), wait)
  }

  onMounted(() => {
    // Heard first, then asked: a server that comes meanwhile is in the answer or follows it.
    stop = bridge.onServersFound((found) => (servers.value = found))
    void ask(0)
  })
  onBeforeUnmount(() => {
    mounted = false
    clearTimeout(next)
    stop()
  })
  return servers
}
