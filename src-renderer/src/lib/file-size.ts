const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 1 })

/** A file's size as file managers show it, in powers of 1,000: `512 B`, `12.5 kB`, `3.2 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  // 999,950 bytes would round up to "1,000 kB".
  if (bytes < 999_950) return `${NUMBER.format(bytes / 1000)} kB`
  return `${NUMBER.format(bytes / 1_000_000)} MB`
}
