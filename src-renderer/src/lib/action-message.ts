/**
 * `/me waves`: a message that says what its author does, shown as "Ann
 * waves" in italics. Stored as typed, the IRC way, so the server, search and
 * older apps need nothing new: an app that does not know it shows the text.
 */
export function actionOf(text: string): string | null {
  const found = /^\/me[^\S\n]+(\S[\s\S]*)$/u.exec(text)
  return found ? found[1]! : null
}

/** A message's text as it reads away from its row (a notification, a quote, a result): an action with its author. */
export function readableText(author: string, text: string): string {
  const action = actionOf(text)
  return action === null ? text : `${author} ${action}`
}
