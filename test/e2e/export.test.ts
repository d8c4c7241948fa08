import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Message } from '../../protocol'
import { request } from '../helpers/request'
import { joinAs as joinClient } from '../helpers/server'
import { joinAs } from './helpers'
import { expect as expectPage } from './page-expect'
import { useE2e } from './suite'

describe('exporting a room in Chromium', () => {
  const e2e = useE2e()

  it('saves the whole history, every page of it, as Markdown or JSON', async () => {
    const server = await e2e.server({ name: 'Lab', rateLimits: { requestsPerSecond: 1e6, sendsPerSecond: 1e6 } })
    const { client: bob } = await joinClient(server.url, 'Bob')
    // More than one page (100) of history: the first and last must both be in the file.
    for (let i = 1; i <= 130; i++) {
      const sent = await request(bob, 'message:send', { roomId: 'general', text: `note ${i}` })
      if (!('data' in sent)) throw new Error(sent.message)
    }
    const ann = await e2e.browser.newPerson()
    await joinAs(ann, server.url, 'Ann')
    const exporter = ann.getByTestId('room-export')

    const markdown = ann.waitForEvent('download')
    await exporter.selectOption('markdown')
    const saved = await markdown
    expect(saved.suggestedFilename()).toMatch(/^parley-general-\d{4}-\d{2}-\d{2}\.md$/)
    const text = await readFile(await saved.path(), 'utf8')
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# #general',
      '',
      expect.stringMatching(new RegExp(`^Exported from Lab \\(${server.url}\\) by Ann, .+: 130 messages\\.$`)),
    ])
    expect(text).toContain('\nnote 1\n')
    expect(text).toContain('\nnote 130\n')
    expect(text.match(/^\*\*Bob\*\* · /gm)).toHaveLength(130)

    const json = ann.waitForEvent('download')
    await exporter.selectOption('json')
    const parsed = JSON.parse(await readFile(await (await json).path(), 'utf8')) as { messages: Message[] }
    expect(parsed.messages.map(({ text }) => text)).toEqual(Array.from({ length: 130 }, (_, i) => `note ${i + 1}`))
    // Ready for the next one.
    await expectPage(ann.getByTestId('room-export-progress')).toHaveCount(0)
    bob.close()
  })
})
