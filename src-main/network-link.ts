import type { NetworkLink } from '../protocol'
import { createNetsim, describeProfile, type Netsim } from '../netsim'

export interface NetworkLinkManager {
  open(target: string): Promise<NetworkLink>
  setProfile(spec: string): NetworkLink
  close(): Promise<void>
}

/**
 * The desktop app reaches its server through a netsim link on loopback, so
 * the Network panel can degrade this client's connection only. A new target
 * replaces the old link; the profile carries over.
 */
export function createNetworkLinkManager(create: typeof createNetsim = createNetsim): NetworkLinkManager {
  let link: { target: string; netsim: Netsim } | null = null
  const describe = (netsim: Netsim): NetworkLink => ({ url: netsim.url, profile: describeProfile(netsim.profile()) })

  return {
    async open(target) {
      const origin = new URL(target).origin
      if (link?.target === origin) return describe(link.netsim)
      const profile = link?.netsim.profile()
      await link?.netsim.close()
      link = null
      const netsim = await create({ target: origin, host: '127.0.0.1', port: 0, profile })
      link = { target: origin, netsim }
      return describe(netsim)
    },
    setProfile(spec) {
      if (!link) throw new Error('No network link is open: join a server first')
      link.netsim.setProfile(spec)
      return describe(link.netsim)
    },
    async close() {
      await link?.netsim.close()
      link = null
    },
  }
}
