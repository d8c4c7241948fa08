import { describe, expect, it } from 'vitest'
import { windowTitle } from '../../src-renderer/src/lib/window-title'

describe('window title', () => {
  it('leads with the unread count, then the open room and the server', () => {
    expect(windowTitle({ unread: 3, room: '#general', server: 'Office' })).toBe('(3) #general · Office')
    expect(windowTitle({ unread: 0, room: 'Bob', server: 'Office' })).toBe('Bob · Office')
  })

  it('is the app name before joining', () => {
    expect(windowTitle({ unread: 0 })).toBe('Parley')
    expect(windowTitle({ unread: 0, room: '', server: 'Office' })).toBe('Office')
  })
})
