import { randomBytes } from 'node:crypto'
import { createNetsim, describeProfile, type Netsim } from '../../netsim'

export interface LabLink {
  id: string
  url: string
  profile: string
}

/** How many links a lab server keeps; the oldest closes when one more is made. */
export const MAX_LAB_LINKS = 100

/**
 * Lab mode: each web client gets its own netsim link in front of this
 * server, so it can degrade its own connection without touching anyone else's.
 */
export class LabLinks {
  private readonly links = new Map<string, Netsim>()

  constructor(
    private readonly targetUrl: string,
    private readonly listenHost: string,
  ) {}

  /** Opens a link; its URL uses the hostname the browser reached the server by. */
  async create(publicHostname: string): Promise<LabLink> {
    if (this.links.size >= MAX_LAB_LINKS) {
      const [oldest] = this.links.keys()
      await this.links.get(oldest!)?.close()
      this.links.delete(oldest!)
    }
    const netsim = await createNetsim({ target: this.targetUrl, host: this.listenHost, port: 0 })
    const id = randomBytes(12).toString('hex')
    this.links.set(id, netsim)
    const host = publicHostname.includes(':') ? `[${publicHostname}]` : publicHostname
    return { id, url: `http://${host}:${netsim.port}`, profile: describeProfile(netsim.profile()) }
  }

  /** Switches one link's profile; throws ProfileError for a bad spec. */
  setProfile(id: string, spec: string): string | null {
    const netsim = this.links.get(id)
    return netsim ? describeProfile(netsim.setProfile(spec)) : null
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.links.values()].map((netsim) => netsim.close()))
    this.links.clear()
  }
}
