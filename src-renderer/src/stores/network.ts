import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { NetworkLink } from '../../../protocol'
import { desktopBridge } from '../platform/bridge'

/**
 * This client's netsim link. The desktop app always has one (run by the main
 * process); a browser has one when the server runs in lab mode.
 */
export type NetworkMode = 'off' | 'desktop' | 'lab'

export const useNetworkStore = defineStore('network', () => {
  const mode = ref<NetworkMode>('off')
  const profile = ref('clean')
  const linkUrl = ref('')
  /** The server behind the link. */
  const targetUrl = ref('')
  const error = ref('')
  let labLinkId = ''

  /** Opens the link for `serverUrl` where there can be one; returns the URL to connect to. */
  async function openLink(serverUrl: string): Promise<string> {
    targetUrl.value = serverUrl
    error.value = ''
    const bridge = desktopBridge()
    if (bridge) {
      const result = await bridge.openLink(serverUrl)
      if ('error' in result) {
        mode.value = 'off'
        error.value = result.message
        return serverUrl
      }
      return use('desktop', result.data)
    }
    try {
      const response = await fetch(`${serverUrl}/lab/links`, { method: 'POST' })
      if (!response.ok) throw new Error('lab mode off')
      const link = (await response.json()) as NetworkLink & { id: string }
      labLinkId = link.id
      return use('lab', link)
    } catch {
      mode.value = 'off'
      return serverUrl
    }
  }

  function use(next: NetworkMode, link: NetworkLink): string {
    mode.value = next
    linkUrl.value = link.url
    profile.value = link.profile
    return link.url
  }

  /** Switches this client's link, e.g. to `block-websocket`; says why in `error` if it cannot. */
  async function setProfile(spec: string): Promise<boolean> {
    error.value = ''
    if (mode.value === 'desktop') {
      const result = await desktopBridge()!.setLinkProfile(spec)
      if ('error' in result) error.value = result.message
      else profile.value = result.data.profile
      return !('error' in result)
    }
    if (mode.value === 'lab') {
      const response = await fetch(`${targetUrl.value}/lab/links/${labLinkId}/profile`, { method: 'POST', body: spec })
      const body = (await response.json()) as { profile?: string; error?: string }
      if (body.profile) profile.value = body.profile
      else error.value = body.error ?? `The server refused (${response.status})`
      return response.ok
    }
    error.value = 'No network link: start the server with --lab to degrade a browser’s connection'
    return false
  }

  return { mode, profile, linkUrl, targetUrl, error, openLink, setProfile }
})
