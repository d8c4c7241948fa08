import { describe, expect, it } from 'vitest'
import { isSendKey, primaryKey, shortcuts } from '../../src-renderer/src/lib/shortcuts'

describe('keyboard shortcuts', () => {
  it('uses ⌘ on Apple devices and Ctrl elsewhere, in the list as in the handlers', () => {
    expect(primaryKey('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36')).toBe('⌘')
    expect(primaryKey('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)')).toBe('⌘')
    expect(primaryKey('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0')).toBe('Ctrl')
    const keys = (primary: '⌘' | 'Ctrl') => shortcuts(primary).flatMap((group) => group.items.map((item) => item.keys))
    expect(keys('⌘')).toContain('⌘K')
    expect(keys('Ctrl')).toEqual(expect.arrayContaining(['Ctrl+K', 'Ctrl+/', 'Shift+Enter']))
  })

  it('lists the send key the person chose', () => {
    const composer = (primary: '⌘' | 'Ctrl', sendWithCtrl: boolean) =>
      shortcuts(primary, sendWithCtrl)
        .find((group) => group.group === 'In the composer')!
        .items.slice(0, 2)
        .map((item) => `${item.keys}: ${item.does}`)
    expect(composer('Ctrl', false)).toEqual(['Enter: Send', 'Shift+Enter: New line'])
    expect(composer('Ctrl', true)).toEqual(['Ctrl+Enter: Send', 'Enter or Shift+Enter: New line'])
    expect(composer('⌘', true)).toEqual(['⌘Enter: Send', 'Enter or Shift+Enter: New line'])
  })
})

describe('the key that sends', () => {
  const key = (more: Partial<KeyboardEvent> = {}) => ({
    key: 'Enter',
    isComposing: false,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    ...more,
  })

  it('is Enter, or Ctrl+Enter (⌘+Enter) once chosen, never Enter inside an IME composition', () => {
    expect(isSendKey(key(), false)).toBe(true)
    expect(isSendKey(key({ shiftKey: true }), false)).toBe(false)
    expect(isSendKey(key({ isComposing: true }), false)).toBe(false)
    expect(isSendKey(key({ key: 'a' }), false)).toBe(false)
    expect(isSendKey(key(), true)).toBe(false)
    expect(isSendKey(key({ ctrlKey: true }), true)).toBe(true)
    expect(isSendKey(key({ metaKey: true }), true)).toBe(true)
    expect(isSendKey(key({ ctrlKey: true, isComposing: true }), true)).toBe(false)
  })
})
