import { LIMITS, type AckError } from '../../../protocol'

/**
 * A chosen image as a profile picture: its middle square, scaled to
 * `LIMITS.pictureSide` pixels, as WebP (JPEG where the browser cannot write
 * WebP), so a photo of any size goes as a few KB. What the browser cannot
 * decode is refused with why.
 */
export async function squarePicture(file: Blob): Promise<Uint8Array | AckError> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return { error: 'INVALID_PAYLOAD', message: 'That file is not an image this app can read' }
  }
  const side = LIMITS.pictureSide
  const crop = Math.min(bitmap.width, bitmap.height)
  const canvas = document.createElement('canvas')
  canvas.width = side
  canvas.height = side
  const context = canvas.getContext('2d')!
  context.imageSmoothingQuality = 'high'
  context.drawImage(bitmap, (bitmap.width - crop) / 2, (bitmap.height - crop) / 2, crop, crop, 0, 0, side, side)
  bitmap.close()
  for (const [type, quality] of [
    ['image/webp', 0.85],
    ['image/jpeg', 0.85],
  ] as const) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality))
    if (blob?.type === type && blob.size <= LIMITS.pictureMaxBytes) return new Uint8Array(await blob.arrayBuffer())
  }
  return { error: 'INVALID_PAYLOAD', message: 'That image could not be made small enough' }
}
