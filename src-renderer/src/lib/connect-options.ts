import type { ConnectOptions } from '../stores/connection'

/**
 * Connection knobs read from the page address, for labs and tests:
 * `?upgradeRetryMs=2000` shortens the wait before retrying a failed upgrade
 * (default 30 s).
 */
export function connectOptionsFromPage(
  search = typeof location === 'undefined' ? '' : location.search,
): ConnectOptions {
  const params = new URLSearchParams(search)
  const retry = Number(params.get('upgradeRetryMs'))
  return Number.isFinite(retry) && retry >= 100 ? { healer: { firstRetryMs: retry } } : {}
}
