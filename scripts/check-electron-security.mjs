// Runs electronegativity on the built app (out/) and fails on any finding of
// medium severity or above that security/electronegativity-review.json does not
// explain. The online check for newer Electron releases is excluded: CI is offline.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const review = JSON.parse(readFileSync('security/electronegativity-review.json', 'utf8')).reviewed
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
const report = join(dir, 'report.csv')
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('@doyensec/electronegativity/dist/index.js'),
      ...[
        '-i',
        'out',
        '-r',
        '-v',
        'false',
        '-e',
        electronVersion,
        '-x',
        'AvailableSecurityFixesGlobalCheck',
        '-o',
        report,
      ],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  // CSV: issue, severity, confidence, filename, location, sample, description, url
  const rows = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"')))
  const serious = rows.filter(([, severity]) => ['MEDIUM', 'HIGH', 'CRITICAL'].includes(severity))
  const unexplained = serious.filter(
    ([check, , , , , sample]) => !review.some((entry) => entry.check === check && entry.sample === sample),
  )
  console.log(
    `electronegativity (Electron ${electronVersion}): ${rows.length} finding(s), ${serious.length} medium or above, ${serious.length - unexplained.length} reviewed`,
  )
  for (const [check, severity, confidence, file, location, sample] of unexplained) {
    console.error(`  UNEXPLAINED ${severity}/${confidence} ${check} at ${file}:${location}: ${sample}`)
  }
  if (unexplained.length > 0) process.exit(1)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
