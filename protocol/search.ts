/** A search box's text, read as a search. */
export interface SearchParts {
  /** What is left to find as words. */
  words: string
  /** Only this person's messages (`from:name`, `from:@name`, `from:"Ann Lee"`). */
  from?: string
  /** Only messages with a file (`has:file`). */
  hasFile?: true
  /** Only messages sent from then on (ms since the epoch): `after:` a day, or `on:` one. */
  since?: number
  /** Only messages sent before then: `before:` a day, or the end of the day `on:` names. */
  until?: number
  /** Why the text cannot be searched as it is: a day that does not exist, or days that leave none between. */
  problem?: string
}

/** How a day is written in a search: 2026-12-06, today or yesterday. */
const DAY_FORMAT = 'write a day as 2026-12-06, today or yesterday'

/** The start of a day named in a search, in local time; null for no such day (2026-02-30). */
function dayStart(spelled: string, now: number): number | null {
  const named = spelled.toLowerCase()
  if (named === 'today' || named === 'yesterday') {
    const day = new Date(now)
    day.setHours(0, 0, 0, 0)
    if (named === 'yesterday') day.setDate(day.getDate() - 1)
    return day.getTime()
  }
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(spelled)
  if (!match) return null
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const day = new Date(year, month - 1, date)
  // Date rolls 2026-02-30 over into March: only a day that exists comes back as written.
  return day.getFullYear() === year && day.getMonth() === month - 1 && day.getDate() === date ? day.getTime() : null
}

function nextDay(start: number): number {
  const day = new Date(start)
  day.setDate(day.getDate() + 1)
  return day.getTime()
}

/**
 * What a search box holds, read as a search (`now` places today and
 * yesterday): its words; `from:name` (or `from:@name`, or `from:"Ann Lee"` for
 * a name with spaces) for only that person's messages; `has:file` for only
 * messages with a file; `after:`, `before:` and `on:` (or `during:`) a day,
 * in local time, for only messages sent after it, before it, or on it. The
 * last of each counts; the words are what is left.
 */
export function splitSearch(text: string, now = Date.now()): SearchParts {
  let from: string | undefined
  let hasFile = false
  let since: number | undefined
  let until: number | undefined
  let problem: string | undefined
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
    .replace(/(^|\s)(after|before|on|during):(\S+)/giu, (_match, before: string, which: string, spelled: string) => {
      const start = dayStart(spelled, now)
      if (start === null) {
        problem = `No such day as “${spelled}”: ${DAY_FORMAT}`
        return before
      }
      const kind = which.toLowerCase()
      if (kind === 'after') since = nextDay(start)
      else if (kind === 'before') until = start
      else [since, until] = [start, nextDay(start)]
      return before
    })
  if (problem === undefined && since !== undefined && until !== undefined && since >= until) {
    problem = 'No day is both after and before the days given'
  }
  return {
    words: words.replace(/\s+/g, ' ').trim(),
    ...(from !== undefined && { from }),
    ...(hasFile ? { hasFile: true as const } : {}),
    ...(since !== undefined && { since }),
    ...(until !== undefined && { until }),
    ...(problem !== undefined && { problem }),
  }
}
