import { describe, expect, it } from 'vitest'
import { roomAt, roomSegments, suggestRooms } from '../../src-renderer/src/lib/room-links'

const rooms: Record<string, string> = { lab: 'lab', 'ops-team': 'ops-team', general: 'general' }
const find = (name: string): string | null => rooms[name] ?? null

describe('#rooms named in a message', () => {
  it('links the rooms the reader can open, wherever a word starts, and leaves any other # as it is', () => {
    expect(roomSegments('see #lab, then #Ops-Team.', find)).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'room', text: '#lab', roomId: 'lab' },
      { kind: 'text', text: ', then ' },
      { kind: 'room', text: '#Ops-Team', roomId: 'ops-team' },
      { kind: 'text', text: '.' },
    ])
    expect(roomSegments('#general (or "#lab")', find).filter((s) => s.kind === 'room')).toHaveLength(2)
    for (const text of ['issue #12', 'C#lab', '#labs', '#lab-', '#lab_2', 'no rooms here', '']) {
      expect(roomSegments(text, find)).toEqual([{ kind: 'text', text }])
    }
  })

  it('completes a #name being typed, from the rooms that start with it', () => {
    expect(roomAt('see #op', 7)).toEqual({ start: 4, partial: 'op' })
    expect(roomAt('#', 1)).toEqual({ start: 0, partial: '' })
    expect(roomAt('issue#1', 7)).toBeNull()
    expect(roomAt('see #lab now', 12)).toBeNull()
    expect(suggestRooms(['general', 'lab', 'labs-old', 'ops'], 'LA')).toEqual(['lab', 'labs-old'])
    expect(suggestRooms(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'], 'a')).toHaveLength(6)
  })
})
