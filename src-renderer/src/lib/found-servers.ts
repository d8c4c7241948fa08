import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import type { FoundServer } from '../../../protocol'
import { desktopBridge } from '../platform/bridge'

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
  onMounted(async () => {
    // Heard first, then asked: a server that comes meanwhile is in the answer or follows it.
    stop = bridge.onServersFound((found) => (servers.value = found))
    const result = await bridge.findServers()
    if ('data' in result) servers.value = result.data
  })
  onBeforeUnmount(() => stop())
  return servers
}
