/** A word being completed in the composer: where it starts, and what follows its mark so far. */
export interface TypedToken {
  start: number
  partial: string
}

/** The text with the token from `start` to the caret replaced by `inserted` (one space after it, not two), and where the caret goes. */
export function replaceToken(
  text: string,
  start: number,
  caret: number,
  inserted: string,
): { text: string; caret: number } {
  const rest = inserted.endsWith(' ') ? text.slice(caret).replace(/^ /, '') : text.slice(caret)
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length }
}
