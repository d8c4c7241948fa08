/**
 * What a search box holds, read as a search: its words, and `from:name` (or
 * `from:@name`, or `from:"Ann Lee"` for a name with spaces) for only that
 * person's messages. The last `from:` counts; the words are what is left.
 */
export function splitSearch(text: string): { words: string; from?: string } {
  let from: string | undefined
  const words = text.replace(
    /(^|\s)from:(?:"([^"]*)"|@?(\S*))/giu,
    (_match, before: string, quoted?: string, bare?: string) => {
      const name = (quoted ?? bare ?? '').trim()
      if (name !== '') from = name
      return before
    },
  )
  return { words: words.replace(/\s+/g, ' ').trim(), ...(from !== undefined && { from }) }
}
