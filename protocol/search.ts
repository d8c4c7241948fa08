/**
 * What a search box holds, read as a search: its words, `from:name` (or
 * `from:@name`, or `from:"Ann Lee"` for a name with spaces) for only that
 * person's messages, and `has:file` for only messages with a file. The last
 * `from:` counts; the words are what is left.
 */
export function splitSearch(text: string): { words: string; from?: string; hasFile?: true } {
  let from: string | undefined
  let hasFile = false
  const words = text
    .replace(/(^|\s)from:(?:"([^"]*)"|@?(\S*))/giu, (_match, before: string, quoted?: string, bare?: string) => {
      const name = (quoted ?? bare ?? '').trim()
      if (name !== '') from = name
      return before
    })
    .replace(/(^|\s)has:files?(?=\s|$)/giu, (_match, before: string) => {
      hasFile = true
      return before
    })
  return {
    words: words.replace(/\s+/g, ' ').trim(),
    ...(from !== undefined && { from }),
    ...(hasFile ? { hasFile: true as const } : {}),
  }
}
