import { join as joinPath } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { LIMITS, type Message } from '../../protocol'
import { DATABASE_FILE } from '../../server/storage/database'
import { useServerFixture } from '../helpers/fixture'
import { waitUntil, type TestClient } from '../helpers/server'
import { request, requestPatiently, sendMessage, uploadFile, openDm } from '../helpers/request'

describe('searching messages', () => {
  const t = useServerFixture()
  const { join, send } = t
  /** The texts a search finds, newest first. */
  const find = async (
    client: TestClient,
    query: string,
    options: {
      roomId?: string
      from?: string
      hasFile?: boolean
      since?: number
      until?: number
      before?: number
    } = {},
  ) => {
    const result = await requestPatiently(client, 'message:search', { query, ...options })
    if (!('data' in result)) throw new Error(result.message)
    return result.data.messages.map((message) => message.text)
  }

  it('finds messages holding every word, as words or their starts, whatever the case and accents, newest first', async () => {
    await t.start()
    const ann = await join('ann')
    await send(ann, 'The lab opens at nine')
    await send(ann, 'Café in the LABORATORY?')
    await send(ann, 'coffee is in the kitchen')
    await send(ann, 'collaboration')

    expect(await find(ann, 'lab')).toEqual(['Café in the LABORATORY?', 'The lab opens at nine'])
    expect(await find(ann, 'CAFE lab')).toEqual(['Café in the LABORATORY?'])
    expect(await find(ann, 'café')).toEqual(['Café in the LABORATORY?'])
    // Inside a word is not the start of one.
    expect(await find(ann, 'abor')).toEqual([])
    expect(await find(ann, 'lab kitchen')).toEqual([])
  })

  it('pages through results with a before cursor', async () => {
    await t.start()
    const ann = await join('ann')
    const sent: Message[] = []
    for (let n = 1; n <= 5; n++) sent.push(await send(ann, `note ${n}`))
    const first = await requestPatiently(ann, 'message:search', { query: 'note', limit: 3 })
    if (!('data' in first)) throw new Error(first.message)
    expect(first.data.messages.map((m) => m.text)).toEqual(['note 5', 'note 4', 'note 3'])
    expect(first.data.hasMore).toBe(true)
    const rest = await requestPatiently(ann, 'message:search', {
      query: 'note',
      before: first.data.messages[2]!.id,
      limit: 3,
    })
    expect(rest).toEqual({ data: { messages: [sent[1], sent[0]], hasMore: false } })
  })

  it('searches only the rooms and DMs the person can read, or one of them', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const cy = await join('cy')
    await request(ann, 'room:create', { name: 'side' })
    const dm = await openDm(ann, 'cy')
    await send(ann, 'secret plan', dm.id)
    await send(ann, 'public plan')
    await send(ann, 'side plan', 'side')

    expect(await find(bob, 'plan')).toEqual(['side plan', 'public plan'])
    expect(await find(cy, 'plan')).toEqual(['side plan', 'public plan', 'secret plan'])
    expect(await find(cy, 'plan', { roomId: 'side' })).toEqual(['side plan'])
    expect(await requestPatiently(bob, 'message:search', { query: 'plan', roomId: dm.id })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    })
  })

  it('finds an edited message by its new words only, and a deleted one never, indexed yet or not', async () => {
    await t.start()
    const ann = await join('ann')
    const early = await send(ann, 'alpha draft')
    const gone = await send(ann, 'alpha mistake')
    // This search indexes both; the changes below then replace indexed entries.
    expect(await find(ann, 'alpha')).toHaveLength(2)
    await request(ann, 'message:edit', { id: early.id, text: 'beta final' })
    await request(ann, 'message:delete', { id: gone.id })
    // These two are changed before anything indexes them.
    const late = await send(ann, 'gamma draft')
    const lateGone = await send(ann, 'gamma mistake')
    await request(ann, 'message:edit', { id: late.id, text: 'delta final' })
    await request(ann, 'message:delete', { id: lateGone.id })

    expect(await find(ann, 'alpha')).toEqual([])
    expect(await find(ann, 'gamma')).toEqual([])
    expect(await find(ann, 'mistake')).toEqual([])
    expect(await find(ann, 'final')).toEqual(['delta final', 'beta final'])
  })

  it('finds a sent file by its name, with or without words, until its message is deleted', async () => {
    await t.start()
    const ann = await join('ann')
    const sendFile = async (name: string, text: string): Promise<Message> => {
      const fileId = await uploadFile(ann, new Uint8Array([1, 2, 3]), { name })
      const sent = await sendMessage(ann, { roomId: 'general', text, fileId })
      if (!('data' in sent)) throw new Error(sent.message)
      return sent.data
    }
    const findIds = async (query: string) => {
      const result = await requestPatiently(ann, 'message:search', { query })
      if (!('data' in result)) throw new Error(result.message)
      return result.data.messages.map((message) => message.id)
    }
    const budget = await sendFile('Budget-2026 final.xlsx', '')
    const minutes = await sendFile('Réunion minutes.pdf', 'from this morning')
    await send(ann, 'no file here, only a budget word')

    expect(await findIds('budget 2026')).toEqual([budget.id])
    expect(await findIds('reunion')).toEqual([minutes.id])
    expect(await findIds('minutes morning')).toEqual([minutes.id])
    // Both are indexed now: an edit keeps the name findable, a deletion takes it away.
    await request(ann, 'message:edit', { id: minutes.id, text: 'from yesterday' })
    await request(ann, 'message:delete', { id: budget.id })
    expect(await findIds('minutes yesterday')).toEqual([minutes.id])
    expect(await findIds('morning')).toEqual([])
    expect(await findIds('xlsx')).toEqual([])
  })

  it('keeps to messages with a file (has:file): alone, with words, with a person, in one room; not deleted ones', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const sendFile = async (from: TestClient, name: string, text: string, roomId = 'general'): Promise<Message> => {
      const fileId = await uploadFile(from, new Uint8Array([1, 2, 3]), { name, roomId })
      const sent = await sendMessage(from, { roomId, text, fileId })
      if (!('data' in sent)) throw new Error(sent.message)
      return sent.data
    }
    const dm = await openDm(bob, 'ann')
    await sendFile(ann, 'plan.pdf', 'the plan')
    await send(ann, 'the plan, in words only')
    await sendFile(bob, 'photo.jpg', 'the lab at night')
    await sendFile(bob, 'secret.txt', 'the plan, for you', dm.id)
    const gone = await sendFile(ann, 'draft.pdf', 'an old plan')
    await request(ann, 'message:delete', { id: gone.id })

    expect(await find(ann, '', { hasFile: true })).toEqual(['the plan, for you', 'the lab at night', 'the plan'])
    expect(await find(ann, 'plan', { hasFile: true })).toEqual(['the plan, for you', 'the plan'])
    expect(await find(ann, '', { hasFile: true, from: 'Bob' })).toEqual(['the plan, for you', 'the lab at night'])
    expect(await find(ann, '', { hasFile: true, roomId: 'general' })).toEqual(['the lab at night', 'the plan'])
    // Not Ann's DM with Bob: a third person does not see its file.
    const cy = await join('cy')
    expect(await find(cy, '', { hasFile: true })).toEqual(['the lab at night', 'the plan'])
  })

  it('keeps to messages sent in some days: alone, with words, a person or files, in one room, page by page', async () => {
    await t.start()
    const ann = await join('ann')
    const bob = await join('bob')
    const dm = await openDm(bob, 'ann')
    const day = (date: number, hour = 0) => new Date(2026, 11, date, hour).getTime()
    // Sent, then dated as if over four days (the server stamps the time it stores them).
    const dated: Array<[Message, number]> = [
      [await send(ann, 'plan one'), day(1, 10)],
      [await send(bob, 'plan two'), day(2, 9)],
      [await send(bob, 'lunch at noon', dm.id), day(2, 12)],
      [await send(ann, 'late night plan'), day(2, 23)],
      [await send(ann, 'plan three'), day(3, 8)],
      [await send(bob, 'plan four'), day(4, 8)],
      // Stored last with the server's clock set back: never found on a day it was not sent.
      [await send(bob, 'plan from a clock set back'), day(1, 12)],
    ]
    await t.stop()
    const db = new Database(joinPath(t.dataDir, DATABASE_FILE))
    const stamp = db.prepare('UPDATE messages SET ts = ? WHERE id = ?')
    for (const [message, ts] of dated) stamp.run(ts, message.id)
    db.close()
    await t.start()
    const again = await join('ann')

    const onTheSecond = { since: day(2), until: day(3) }
    expect(await find(again, '', onTheSecond)).toEqual(['late night plan', 'lunch at noon', 'plan two'])
    expect(await find(again, 'plan', { since: day(3) })).toEqual(['plan four', 'plan three'])
    expect(await find(again, '', { since: day(4), until: day(5) })).toEqual(['plan four'])
    expect(await find(again, '', { from: 'ANN', until: day(3) })).toEqual(['late night plan', 'plan one'])
    expect(await find(again, '', { ...onTheSecond, roomId: dm.id })).toEqual(['lunch at noon'])
    expect(await find(again, 'plan', { since: day(5) })).toEqual([])
    expect(await find(again, '', { since: day(5) })).toEqual([])
    expect(await find(again, '', { until: day(1) })).toEqual([])
    // Bob's DM with Ann is not Cy's to read, on any day.
    const cy = await join('cy')
    expect(await find(cy, '', onTheSecond)).toEqual(['late night plan', 'plan two'])
    // Page by page, with the before cursor.
    const first = await requestPatiently(again, 'message:search', { query: '', ...onTheSecond, limit: 2 })
    if (!('data' in first)) throw new Error(first.message)
    expect(first.data).toMatchObject({
      hasMore: true,
      messages: [{ text: 'late night plan' }, { text: 'lunch at noon' }],
    })
    expect(await find(again, '', { ...onTheSecond, before: first.data.messages[1]!.id })).toEqual(['plan two'])
  })

  it('finds one person’s messages, with words or all of them, by their name in any spelling', async () => {
    await t.start()
    const ann = await join('Ann')
    const bob = await join('Bob')
    const cy = await join('Cy')
    await send(ann, 'lunch at noon?')
    await send(bob, 'lunch sounds good')
    const gone = await send(bob, 'a typo')
    await send(bob, 'see you there')
    await request(bob, 'message:delete', { id: gone.id })
    const dm = await openDm(bob, 'Cy')
    await send(bob, 'just between us: lunch', dm.id)

    expect(await find(ann, 'lunch', { from: 'bob' })).toEqual(['lunch sounds good'])
    // No words: everything they said that this person can read, newest first, deletions aside.
    expect(await find(ann, '', { from: 'BOB' })).toEqual(['see you there', 'lunch sounds good'])
    expect(await find(cy, '', { from: 'Bob' })).toEqual([
      'just between us: lunch',
      'see you there',
      'lunch sounds good',
    ])
    expect(await find(cy, '', { from: 'Bob', roomId: dm.id })).toEqual(['just between us: lunch'])
    expect(await find(ann, '', { from: 'Nobody' })).toEqual([])
    expect(await find(ann, 'noon', { from: 'Bob' })).toEqual([])
    expect(await requestPatiently(ann, 'message:search', { query: ' ', from: '' })).toMatchObject({
      error: 'INVALID_PAYLOAD',
    })
  })

  it('takes whatever is typed as words, never as query syntax, and refuses an empty or overlong search', async () => {
    await t.start()
    const ann = await join('ann')
    await send(ann, 'near the end: "quoted" words OR not')
    for (const query of ['"quoted', 'NEAR(the end)', 'end:', 'OR', '-not', 'words*', '^near', 'the OR']) {
      expect(await find(ann, query)).toEqual(['near the end: "quoted" words OR not'])
    }
    expect(await find(ann, '!!! ??')).toEqual([])
    for (const query of ['', '   ', 'x'.repeat(LIMITS.searchQueryMaxLength + 1)]) {
      expect(await requestPatiently(ann, 'message:search', { query })).toMatchObject({ error: 'INVALID_PAYLOAD' })
    }
  })

  it('takes a single letter as a word of its own, and limits how often one connection searches', async () => {
    await t.start()
    const ann = await join('ann')
    await send(ann, 'plan a')
    await send(ann, 'apple')
    expect(await find(ann, 'A')).toEqual(['plan a'])
    expect(await find(ann, 'ap')).toEqual(['apple'])

    const burst = await Promise.all(
      Array.from({ length: LIMITS.searchesPerSecond + 2 }, () => request(ann, 'message:search', { query: 'plan' })),
    )
    expect(burst.filter((result) => 'data' in result).length).toBeLessThanOrEqual(LIMITS.searchesPerSecond)
    expect(burst.find((result) => 'error' in result)).toMatchObject({
      error: 'RATE_LIMITED',
      retryAfterMs: expect.any(Number),
    })
  })

  it('indexes new messages once writes pause, before anyone searches', async () => {
    await t.start()
    const ann = await join('ann')
    const last = (await Promise.all(['one', 'two', 'three'].map((text) => send(ann, text)))).at(-1)!
    const reader = new Database(joinPath(t.dataDir, DATABASE_FILE), { readonly: true })
    try {
      const mark = () =>
        (reader.prepare('SELECT indexed_upto AS mark FROM search_state').get() as { mark: number }).mark
      await waitUntil(() => mark() >= last.id, 10_000, 'the new messages indexed')
    } finally {
      reader.close()
    }
  })

  it('reports a failing index in the background and goes on serving', async () => {
    const errors: unknown[] = []
    await t.start({ onError: (error) => errors.push(error) })
    const ann = await join('ann')
    // Another process breaks the index under the running server.
    const other = new Database(joinPath(t.dataDir, DATABASE_FILE))
    other.exec('DROP TABLE messages_fts')
    other.close()
    await send(ann, 'stored all the same')
    await waitUntil(() => errors.length > 0, 10_000, 'the failure reported')
    expect(String(errors[0])).toMatch(/messages_fts/)
    const page = await request(ann, 'message:history', { roomId: 'general' })
    expect('data' in page && page.data.messages.map((m) => m.text)).toEqual(['stored all the same'])
    expect(await requestPatiently(ann, 'message:search', { query: 'stored' })).toMatchObject({ error: 'INTERNAL' })
  })

  it('indexes messages stored before the index had them, in the background after a start', async () => {
    await t.start()
    await t.stop()
    // As a database from before search was added: many messages, and an empty index.
    const file = joinPath(t.dataDir, DATABASE_FILE)
    const db = new Database(file)
    const insert = db.prepare("INSERT INTO messages (room_id, author, text, ts) VALUES ('general', 'ann', ?, 0)")
    db.transaction(() => {
      for (let n = 1; n <= 3000; n++) insert.run(`old message ${n}`)
    })()
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all'); UPDATE search_state SET indexed_upto = 0")
    db.close()

    await t.start()
    const reader = new Database(file, { readonly: true })
    try {
      const mark = () =>
        (reader.prepare('SELECT indexed_upto AS mark FROM search_state').get() as { mark: number }).mark
      const newest = (reader.prepare('SELECT max(id) AS id FROM messages').get() as { id: number }).id
      // Nobody searched: the start alone indexes them all, a batch at a time.
      await waitUntil(() => mark() === newest, 10_000, 'the backlog indexed')
    } finally {
      reader.close()
    }
    const ann = await join('ann')
    expect(await find(ann, '1199')).toEqual(['old message 1199'])
  })
})
