import { describe, expect, it } from 'vitest'
import { primaryKey, shortcuts } from '../../src-renderer/src/lib/shortcuts'

describe('keyboard shortcuts', () => {
  it('uses ⌘ on Apple devices and Ctrl elsewhere, in the list as in the handlers', () => {
    expect(primaryKey('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36')).toBe('⌘')
    expect(primaryKey('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)')).toBe('⌘')
    expect(primaryKey('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0')).toBe('Ctrl')
    const keys = (primary: '⌘' | 'Ctrl') => shortcuts(primary).flatMap((group) => group.items.map((item) => item.keys))
    expect(keys('⌘')).toContain('⌘K')
    expect(keys('Ctrl')).toEqual(expect.arrayContaining(['Ctrl+K', 'Ctrl+/', 'Shift+Enter']))
  })
})
