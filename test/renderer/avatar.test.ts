import { describe, expect, it } from 'vitest'
import { AVATAR_FILLS, avatarFill, initials } from '../../src-renderer/src/lib/avatar'
import { contrastRatio } from '../helpers/contrast'

const channels = (hex: string): number[] => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16))

describe('faces beside messages', () => {
  it('draws white initials on fills that read at WCAG AA', () => {
    for (const fill of AVATAR_FILLS) {
      expect(contrastRatio(channels(fill), [255, 255, 255]), fill).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('gives a person one colour whatever the case of their name, and different people a spread of them', () => {
    expect(avatarFill('Ann')).toBe(avatarFill('ann'))
    expect(avatarFill('Ｍｉａ')).toBe(avatarFill('mia'))
    const names = ['Ann', 'Bob', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jo', 'Kai', 'Lin']
    expect(new Set(names.map(avatarFill)).size).toBeGreaterThanOrEqual(6)
  })

  it('takes the first letter of the first and last words, a whole emoji, and capitals', () => {
    expect(initials('ann')).toBe('A')
    expect(initials('Ann Marie Lee')).toBe('AL')
    expect(initials('  bob  ')).toBe('B')
    expect(initials('👩🏽‍🔬 lab')).toBe('👩🏽‍🔬L')
    expect(initials('Émile')).toBe('É')
  })
})
