import { z } from 'zod'
import { readJsonFile, writeJsonFile } from './json-file'

export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

const DEFAULT_BOUNDS: WindowBounds = { width: 1100, height: 720 }

const savedSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(320).max(20_000),
  height: z.number().int().min(240).max(20_000),
  maximized: z.boolean().default(false),
})

export type SavedWindowState = z.infer<typeof savedSchema>

/**
 * Restores the last size and position, unless the window would land on no
 * display any more (a monitor unplugged since), in which case only the size is kept.
 */
export function restoreWindowState(file: string, displays: Rect[]): { bounds: WindowBounds; maximized: boolean } {
  const parsed = savedSchema.safeParse(readJsonFile(file))
  if (!parsed.success) return { bounds: DEFAULT_BOUNDS, maximized: false }
  const { x, y, width, height, maximized } = parsed.data
  const visible = displays.some(
    (area) =>
      x + 40 < area.x + area.width && x + width - 40 > area.x && y >= area.y - 10 && y + 40 < area.y + area.height,
  )
  return { bounds: visible ? { x, y, width, height } : { width, height }, maximized }
}

export function saveWindowState(file: string, state: SavedWindowState): void {
  writeJsonFile(file, state)
}
