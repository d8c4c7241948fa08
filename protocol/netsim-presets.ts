/**
 * The netsim profiles a UI offers with one click, and what each does. netsim
 * itself parses any combination; these are the common ones, shared so the
 * Network panel and netsim's tests read the same list.
 */
export const NETSIM_PRESETS = [
  { profile: 'clean', effect: 'No interference' },
  { profile: 'block-websocket', effect: 'Refuse WebSocket like a corporate proxy: falls back to long-polling' },
  { profile: 'kill-websocket-after=5', effect: 'Accept WebSocket, cut it after 5 s' },
  { profile: 'latency=300,jitter=100', effect: 'Slow link: 300 ± 100 ms each way' },
  { profile: 'bandwidth=64', effect: '64 kbit/s each way' },
  { profile: 'flaky=0.2', effect: 'Reset one connection or request in five' },
  { profile: 'offline', effect: 'Refuse and cut everything' },
] as const
