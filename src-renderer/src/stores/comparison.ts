import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { compareTransports, WAYS, type ComparisonOptions, type WayResult } from '../lib/transport-comparison'
import { useConnectionStore } from './connection'

const idle = (): WayResult[] =>
  WAYS.map((way) => ({ way, state: 'connecting', received: 0, p50: null, p95: null, max: null, requests: 0, note: '' }))

/**
 * The transport comparison: WebSocket, long-polling and short polling
 * measured side by side through this client's own link, so a degraded
 * network (the Network panel) shows in all three.
 */
export const useComparisonStore = defineStore('comparison', () => {
  const connection = useConnectionStore()
  const running = ref(false)
  /** The last run's results, or the one under way; empty before the first. */
  const results = shallowRef<WayResult[]>([])
  const error = ref('')

  /** Runs one comparison; `tuning` is for tests, which need no 20 probes. */
  async function run(tuning: Omit<ComparisonOptions, 'url' | 'password'> = {}): Promise<void> {
    if (running.value) return
    const endpoint = connection.endpoint()
    error.value = ''
    if (!endpoint) {
      error.value = 'Not connected to a server'
      return
    }
    running.value = true
    results.value = idle()
    try {
      results.value = await compareTransports({ ...endpoint, ...tuning }, (progress) => (results.value = progress))
    } catch (failure) {
      error.value = (failure as Error).message
      results.value = []
    } finally {
      running.value = false
    }
  }

  return { running, results, error, run }
})
