import { describe, expect, it } from 'vitest'
import type { Room } from '../../protocol'
import { SWITCHER_MAX, switchTargets } from '../../src-renderer/src/lib/room-switcher'

const room = (name: string): Room => ({ id: name, kind: 'room', name })
const dm = (other: string): Room => ({ id: `dm:${other}`, kind: 'dm', name: `ann,${other}`, members: ['ann', other] })
const labelOf = (target: Room) => (target.kind === 'dm' ? target.members![1] : `#${target.name}`)

describe('going to a room by name', () => {
  const rooms = [room('general'), room('lab-results'), room('collab'), room('lab'), dm('Labib'), dm('Élodie')]
  const names = (typed: string, joined: (target: Room) => boolean = () => true) =>
    switchTargets(rooms, typed, labelOf, joined).map(labelOf)

  it('puts the name typed first, then names that start with it, a word that does, then any that hold it', () => {
    expect(names('lab')).toEqual(['#lab', '#lab-results', 'Labib', '#collab'])
    expect(names('#LAB')).toEqual(['#lab', '#lab-results', 'Labib', '#collab'])
    expect(names('results')).toEqual(['#lab-results'])
    // Accents and case aside, as names are typed.
    expect(names('elo')).toEqual(['Élodie'])
    expect(names('zzz')).toEqual([])
  })

  it('puts rooms one is in before those one would join, and offers the first few when nothing is typed', () => {
    expect(names('la', (target) => target.id !== 'lab-results')).toEqual(['#lab', 'Labib', '#lab-results', '#collab'])
    const many = Array.from({ length: SWITCHER_MAX + 3 }, (_, n) => room(`room${n}`))
    expect(switchTargets(many, '', labelOf, () => true)).toEqual(many.slice(0, SWITCHER_MAX))
  })
})
