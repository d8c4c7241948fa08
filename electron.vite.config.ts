import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { compression } from 'vite-plugin-compression2'
import type { Plugin } from 'vite'

/** The dev server injects styles inline for hot reload; only `npm run dev` relaxes the CSP for them. */
const devStylesCsp: Plugin = {
  name: 'parley-dev-styles-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Native and server-side packages load from node_modules at run time.
      externalizeDeps: true,
      rollupOptions: {
        // The hosted server's search thread loads from beside the main bundle (server/messages/search-thread.ts).
        input: { index: resolve('src-main/index.ts'), 'search-worker': resolve('server/messages/search-worker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        // A sandboxed preload can only be a CommonJS script.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    // Relative asset URLs, so the same build loads from the desktop app's
    // parley:// scheme and from the LAN server at `/`.
    base: './',
    plugins: [
      vue(),
      devStylesCsp,
      // Brotli and gzip copies beside each file, which the LAN server sends to
      // browsers that accept them (server/http/http-handler.ts): a browser's
      // first load of the web client is about a fifth of the bytes.
      compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' }),
    ],
    build: {
      outDir: 'out/renderer',
      // Minified, unlike electron-vite's default for the renderer: a browser's first
      // load of the web client is some 40% fewer bytes. The electronegativity review
      // matches findings by their line of code, and the renderer has none: it has no
      // shell, and reaches the system browser through the bridge's openInBrowser.
      minify: true,
      rollupOptions: {
        input: { index: resolve('src-renderer/index.html') },
      },
    },
  },
})
