/** `/pictures/<key>`: a profile picture, by its owner's name key (`nameKey`), URL-encoded. */
export const PICTURE_PATH = /^\/pictures\/([^/?#]{1,512})$/

/** Where a name key's picture is read; `version` makes each new picture a new address, so no cache shows an old one. */
export function picturePath(key: string, version: number): string {
  return `/pictures/${encodeURIComponent(key)}?v=${version}`
}
