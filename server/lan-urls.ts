import { networkInterfaces } from 'node:os'

const ALL_INTERFACES = new Set(['0.0.0.0', '::', ''])

/**
 * The URLs people on the LAN can join: one per non-internal IPv4 interface
 * when listening on all of them, or just the address given.
 */
export function lanUrls(host: string, port: number): string[] {
  if (!ALL_INTERFACES.has(host)) return [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`]
  const urls: string[] = []
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) urls.push(`http://${address.address}:${port}/`)
    }
  }
  return urls
}
