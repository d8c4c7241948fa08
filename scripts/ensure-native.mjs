// better-sqlite3 is a native addon built for one runtime at a time: Node's
// ABI for the server and tests, Electron's for `npm start`. When it was last
// built for Electron, rebuild it for Node before running on Node.
import { execSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
try {
  const Database = require('better-sqlite3')
  new Database(':memory:').close()
} catch (error) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(String(error))) throw error
  console.log('better-sqlite3 was built for Electron; rebuilding it for Node…')
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' })
}
