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
})
