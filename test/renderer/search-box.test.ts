import { describe, expect, it } from 'vitest'
import { splitSearch } from '../../protocol'

describe('the search box, read as a search', () => {
  it('takes from:name, from:@name or from:"a name with spaces" out of the words, the last one counting', () => {
    expect(splitSearch('lunch from:ann')).toEqual({ words: 'lunch', from: 'ann' })
    expect(splitSearch('FROM:@Bob  the plan')).toEqual({ words: 'the plan', from: 'Bob' })
    expect(splitSearch('from:"Ann Lee" budget')).toEqual({ words: 'budget', from: 'Ann Lee' })
    expect(splitSearch('from:ann from:cy')).toEqual({ words: '', from: 'cy' })
    // Not a filter: inside a word, or with no name after it.
    expect(splitSearch('datefrom:today')).toEqual({ words: 'datefrom:today' })
    expect(splitSearch('from: lunch')).toEqual({ words: 'lunch' })
    expect(splitSearch('  plain words ')).toEqual({ words: 'plain words' })
  })

  it('takes has:file out of the words, anywhere and in any case, with a person or alone', () => {
    expect(splitSearch('has:file budget')).toEqual({ words: 'budget', hasFile: true })
    expect(splitSearch('budget HAS:FILES from:ann')).toEqual({ words: 'budget', from: 'ann', hasFile: true })
    expect(splitSearch('has:file')).toEqual({ words: '', hasFile: true })
    // Not a filter: inside a word, or anything else after has:.
    expect(splitSearch('perhas:file')).toEqual({ words: 'perhas:file' })
    expect(splitSearch('has:filer has:link')).toEqual({ words: 'has:filer has:link' })
  })

  it('takes after:, before: and on: a day out of the words, as local days: written out, today or yesterday', () => {
    const now = new Date(2026, 11, 7, 0, 30).getTime()
    const day = (month: number, date: number) => new Date(2026, month - 1, date).getTime()
    // After a day: from the next one's start; before one: until its start; on one: that day whole.
    expect(splitSearch('plan after:2026-12-01', now)).toEqual({ words: 'plan', since: day(12, 2) })
    expect(splitSearch('before:2026-12-01 from:ann', now)).toEqual({ words: '', from: 'ann', until: day(12, 1) })
    expect(splitSearch('ON:2026-2-28', now)).toEqual({ words: '', since: day(2, 28), until: day(3, 1) })
    expect(splitSearch('during:today', now)).toEqual({ words: '', since: day(12, 7), until: day(12, 8) })
    expect(splitSearch('on:Yesterday has:file', now)).toEqual({
      words: '',
      hasFile: true,
      since: day(12, 6),
      until: day(12, 7),
    })
    expect(splitSearch('after:2026-11-30 before:2026-12-03', now)).toEqual({
      words: '',
      since: day(12, 1),
      until: day(12, 3),
    })
    // A day that does not exist, or days that leave none between them, say why.
    expect(splitSearch('on:2026-02-30', now)).toMatchObject({
      problem: expect.stringContaining('No such day as “2026-02-30”'),
    })
    expect(splitSearch('after:last-week', now)).toMatchObject({
      problem: expect.stringContaining('2026-12-06, today or yesterday'),
    })
    expect(splitSearch('after:2026-12-05 before:2026-12-06', now)).toMatchObject({
      problem: 'No day is both after and before the days given',
    })
    // Not a filter inside a word.
    expect(splitSearch('turnon:today', now)).toEqual({ words: 'turnon:today' })
  })
})
