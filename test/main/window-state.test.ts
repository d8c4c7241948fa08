import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { restoreWindowState, saveWindowState } from '../../src-main/window-state'

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]

describe('window state', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'parley-window-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('restores the size and position it saved', () => {
    const file = join(dir, 'window-state.json')
    saveWindowState(file, { x: 100, y: 80, width: 900, height: 600, maximized: true })
    expect(restoreWindowState(file, screen)).toEqual({
      bounds: { x: 100, y: 80, width: 900, height: 600 },
      maximized: true,
    })
  })

  it('keeps only the size when the saved position is on no display any more', () => {
    const file = join(dir, 'window-state.json')
    saveWindowState(file, { x: 2500, y: 100, width: 900, height: 600, maximized: false })
    expect(restoreWindowState(file, screen)).toEqual({ bounds: { width: 900, height: 600 }, maximized: false })
    expect(restoreWindowState(file, [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }]).bounds).toMatchObject({
      x: 2500,
    })
  })

  it('falls back to defaults for a missing or damaged file', () => {
    expect(restoreWindowState(join(dir, 'none.json'), screen)).toEqual({
      bounds: { width: 1100, height: 720 },
      maximized: false,
    })
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ x: 'left', width: 10 }))
    expect(restoreWindowState(join(dir, 'bad.json'), screen).bounds).toEqual({ width: 1100, height: 720 })
  })
})
