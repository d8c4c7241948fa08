import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Timeouts are generous because CI shares two noisy cores; tests wait for
// conditions, so a fast machine never waits the whole time.
export default defineConfig({
  test: {
    // Vitest leaves one of two cores idle by default; two files at once keep both
    // busy. The browser tests still run one file at a time (fileParallelism below).
    maxWorkers: 2,
    projects: [
      {
        test: { name: 'server', include: ['test/server/**/*.test.ts'], environment: 'node', testTimeout: 20_000 },
      },
      {
        // The benchmark's own logic; its measurements run in `npm run bench`.
        test: { name: 'bench', include: ['test/bench/**/*.test.ts'], environment: 'node' },
      },
      {
        test: { name: 'netsim', include: ['test/netsim/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        // About a minute: thousands of messages through injected faults.
        test: { name: 'chaos', include: ['test/chaos/**/*.test.ts'], environment: 'node', testTimeout: 300_000 },
      },
      {
        test: { name: 'main', include: ['test/main/**/*.test.ts'], environment: 'node', testTimeout: 20_000 },
      },
      {
        // The stores against a real server, over real sockets: Node's socket.io-client.
        test: { name: 'stores', include: ['test/stores/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          environment: 'happy-dom',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // One Chromium at a time: two cores are not enough for more.
          fileParallelism: false,
        },
      },
    ],
  },
})
