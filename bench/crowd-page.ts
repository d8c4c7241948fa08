/**
 * By hand, not part of `npm run bench`: how long the web client's main thread
 * is held while a crowd is online and people come and go. Needs `npm run
 * build` and Debian's Chromium. `npx tsx bench/crowd-page.ts [online]`
 * (5,000 by default) joins that many over Socket.IO, then a page, then has
 * 200 people leave and others join, 20 at a time, and reports the page's
 * long tasks (over 50 ms) meanwhile.
 */
import { resolve } from 'node:path'
import { launchBrowser } from '../test/e2e/browser'
import { joinAs as pageJoinAs } from '../test/e2e/helpers'
import { joinAs, makeDataDir, startServer, type TestClient } from '../test/helpers/server'

interface LongTasks {
  count: number
  ms: number
}

const online = Number(process.argv[2] ?? 5000)
const data = makeDataDir()
const server = await startServer({ dataDir: data.dir, webRoot: resolve('out/renderer') })
const browser = await launchBrowser()
const clients: TestClient[] = []
try {
  for (let i = 0; i < online; i += 50) {
    const names = Array.from({ length: Math.min(50, online - i) }, (_, j) => `p${i + j}`)
    clients.push(...(await Promise.all(names.map((name) => joinAs(server.url, name)))).map(({ client }) => client))
  }
  const page = await browser.newPerson()
  let start = performance.now()
  await pageJoinAs(page, server.url, 'Zed')
  await page.getByText(`Online — ${online + 1}`).waitFor({ timeout: 60_000 })
  console.log(`${online} online: the page joined and listed them in ${Math.round(performance.now() - start)} ms`)

  await page.evaluate(() => {
    const tasks: LongTasks = { count: 0, ms: 0 }
    Object.assign(globalThis, { longTasks: tasks })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.count++
        tasks.ms += entry.duration
      }
      // A browser's entry type: these types are Node's, which has none such.
    }).observe({ type: 'longtask' as never })
  })
  start = performance.now()
  for (let round = 0; round < 10; round++) {
    const leaving = clients.splice(0, 20)
    for (const client of leaving) client.disconnect()
    const names = leaving.map((_, j) => `q${round}-${j}`)
    clients.push(...(await Promise.all(names.map((name) => joinAs(server.url, name)))).map(({ client }) => client))
  }
  // The changes have reached the page once the last to come is listed (found by name in a crowd).
  const find = page.getByTestId('member-find')
  if (await find.isVisible()) await find.fill('q9-19')
  await page.locator('[data-testid=member][data-name="q9-19"]').waitFor({ timeout: 60_000 })
  const tasks = await page.evaluate(() => (globalThis as unknown as { longTasks: LongTasks }).longTasks)
  console.log(
    `200 left and 200 came in ${Math.round(performance.now() - start)} ms: ` +
      `${tasks.count} long tasks, ${Math.round(tasks.ms)} ms of the page's main thread`,
  )
} finally {
  for (const client of clients) client.disconnect()
  await browser.close()
  await server.close()
  data.remove()
}
