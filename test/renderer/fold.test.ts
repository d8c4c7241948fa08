import { describe, expect, it } from 'vitest'
import { FOLD_CHARS, FOLD_LINES, mayFold } from '../../src-renderer/src/lib/fold'

describe('mayFold', () => {
  it('looks further only at a text over the lines or characters a message shows whole', () => {
    const lines = (count: number) => Array.from({ length: count }, (_, i) => `line ${i}`).join('\n')
    expect(mayFold(lines(FOLD_LINES))).toBe(false)
    expect(mayFold(lines(FOLD_LINES + 1))).toBe(true)
    expect(mayFold('x'.repeat(FOLD_CHARS))).toBe(false)
    expect(mayFold('x'.repeat(FOLD_CHARS + 1))).toBe(true)
    expect(mayFold('hi')).toBe(false)
  })
})
