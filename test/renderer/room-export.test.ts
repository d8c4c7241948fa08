import { describe, expect, it, vi } from 'vitest'
import type { AckError, HistoryPage, Message } from '../../protocol'
import { exportFileName, exportJson, exportMarkdown } from '../../src-renderer/src/lib/room-export'
import { wholeHistory } from '../../src-renderer/src/lib/whole-history'

const at = (day: number, hours: number, minutes: number): number => new Date(2026, 11, day, hours, minutes).getTime()
const message = (id: number, fields: Partial<Message>): Message => ({
  id,
  clientId: null,
  roomId: 'general',
  author: 'Ann',
  text: '',
  ts: at(7, 9, id),
  ...fields,
})
const source = {
  room: '#general',
  server: 'Lab',
  serverUrl: 'http://10.0.0.5:3000',
  by: 'Ann',
  at: at(8, 10, 0),
}

describe('exporting a room', () => {
  it('writes Markdown: where from, a heading per day, and each message as it reads in the app', () => {
    const file = { id: 'f'.repeat(32), name: 'plan.pdf', size: 2048, type: 'application/pdf' }
    const markdown = exportMarkdown(
      [
        message(1, { text: 'morning all\n# not a heading', reactions: [{ emoji: '👋', names: ['Bob', 'Cy'] }] }),
        message(2, { author: 'Bob', text: '/me waves', editedAt: at(7, 9, 5) }),
        message(3, { author: 'Bob', text: '', deletedAt: at(7, 10, 0), deletedBy: 'Mia' }),
        message(4, { text: 'see attached', file, replyTo: { id: 1, author: 'Ann', text: 'morning all' } }),
        message(5, {
          ts: at(8, 8, 30),
          text: 'Lunch?',
          poll: {
            options: [
              { text: 'Pizza', voters: ['Bob'] },
              { text: 'Sushi', voters: [] },
            ],
            closed: true,
          },
        }),
        message(6, {
          ts: at(8, 8, 31),
          text: '',
          forwarded: { id: 9, roomId: 'lab', author: 'Cy', text: 'results are in', ts: at(6, 12, 0) },
        }),
      ],
      source,
    )
    const time = (ts: number): string => new Intl.DateTimeFormat([], { timeStyle: 'short' }).format(ts)
    const day = (ts: number): string => new Intl.DateTimeFormat([], { dateStyle: 'full' }).format(ts)
    const stamp = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeStyle: 'short' }).format(source.at)
    expect(markdown).toBe(
      [
        '# #general',
        `Exported from Lab (http://10.0.0.5:3000) by Ann, ${stamp}: 6 messages.`,
        `## ${day(at(7, 0, 0))}`,
        `**Ann** · ${time(at(7, 9, 1))}\nmorning all\n\\# not a heading\n👋 2`,
        `**Bob** · ${time(at(7, 9, 2))} · edited\nBob waves`,
        `**Bob** · ${time(at(7, 9, 3))}\n_Message deleted by Mia_`,
        `**Ann** · ${time(at(7, 9, 4))}\n> ↩ Ann: morning all\nsee attached\n📎 [plan.pdf](http://10.0.0.5:3000/files/${file.id}) (2 kB)`,
        `## ${day(at(8, 0, 0))}`,
        `**Ann** · ${time(at(8, 8, 30))}\nLunch?\n- Pizza: 1 vote\n- Sushi: 0 votes\n_Poll closed_`,
        `**Ann** · ${time(at(8, 8, 31))}\n> ↪ Forwarded from Cy\n> results are in`,
      ].join('\n\n') + '\n',
    )
  })

  it('writes JSON with every message as the server sent it', () => {
    const messages = [message(1, { text: 'hi' }), message(2, { author: 'Bob', text: '<b>hey</b>' })]
    const parsed = JSON.parse(exportJson(messages, source)) as { messages: Message[]; room: string; exportedAt: string }
    expect(parsed.messages).toEqual(messages)
    expect(parsed.room).toBe('#general')
    expect(new Date(parsed.exportedAt).getTime()).toBe(source.at)
  })

  it('names the file after the room and the day, safely', () => {
    expect(exportFileName('#general', source.at, 'markdown')).toBe('parley-general-2026-12-08.md')
    expect(exportFileName('Zoë Müller', source.at, 'json')).toBe('parley-zoe-muller-2026-12-08.json')
    expect(exportFileName('#../../etc', source.at, 'markdown')).toBe('parley-etc-2026-12-08.md')
    expect(exportFileName('🎉', source.at, 'markdown')).toBe('parley-room-2026-12-08.md')
  })

  it('reads every page after the last, waits out a rate limit, and stops at a refusal', async () => {
    vi.useFakeTimers()
    try {
      const pages: Array<{ data: HistoryPage } | AckError> = [
        { data: { messages: [message(1, {}), message(2, {})], hasMore: true, rev: 0 } },
        { error: 'RATE_LIMITED', message: 'Slow down', retryAfterMs: 500 },
        { data: { messages: [message(3, {})], hasMore: false, rev: 0 } },
      ]
      const asked: number[] = []
      const counts: number[] = []
      const reading = wholeHistory(
        async (after) => {
          asked.push(after)
          return pages.shift()!
        },
        (count) => counts.push(count),
      )
      await vi.advanceTimersByTimeAsync(499)
      expect(asked).toEqual([0, 2])
      await vi.advanceTimersByTimeAsync(1)
      expect((await reading) as Message[]).toHaveLength(3)
      expect(asked).toEqual([0, 2, 2])
      expect(counts).toEqual([2, 3])

      const refused = await wholeHistory(
        async () => ({ error: 'ROOM_NOT_FOUND', message: 'No room' }),
        () => {},
      )
      expect(refused).toEqual({ error: 'ROOM_NOT_FOUND', message: 'No room' })
    } finally {
      vi.useRealTimers()
    }
  })
})
