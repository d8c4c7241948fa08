/** The modifier the platform's shortcuts use: ⌘ on a Mac, an iPhone or an iPad, Ctrl elsewhere. */
export function primaryKey(userAgent: string): '⌘' | 'Ctrl' {
  // navigator.platform is deprecated; the user agent names the Mac and iOS devices as well.
  return /Mac|iPhone|iPad/.test(userAgent) ? '⌘' : 'Ctrl'
}

/**
 * Whether a key sends what is typed: Enter (Shift+Enter is a new line), or, as
 * the person chose, Ctrl+Enter (⌘+Enter) with Enter a new line. An IME
 * composition keeps its Enter.
 */
export function isSendKey(
  event: Pick<KeyboardEvent, 'key' | 'isComposing' | 'shiftKey' | 'ctrlKey' | 'metaKey'>,
  sendWithCtrl: boolean,
): boolean {
  if (event.key !== 'Enter' || event.isComposing) return false
  return sendWithCtrl ? event.ctrlKey || event.metaKey : !event.shiftKey
}

export interface Shortcut {
  keys: string
  does: string
}

/**
 * What the keyboard does in the chat, as the shortcuts panel lists it;
 * `sendWithCtrl`: the composer sends with Ctrl+Enter (⌘+Enter) and Enter is a
 * new line.
 */
export function shortcuts(primary: '⌘' | 'Ctrl', sendWithCtrl = false): Array<{ group: string; items: Shortcut[] }> {
  const plus = primary === '⌘' ? '⌘' : 'Ctrl+'
  const sending: Shortcut[] = sendWithCtrl
    ? [
        { keys: `${plus}Enter`, does: 'Send' },
        { keys: 'Enter or Shift+Enter', does: 'New line' },
      ]
    : [
        { keys: 'Enter', does: 'Send' },
        { keys: 'Shift+Enter', does: 'New line' },
      ]
  return [
    {
      group: 'Anywhere',
      items: [
        { keys: `${plus}K`, does: 'Search messages' },
        { keys: `${plus}G`, does: 'Go to a room or DM by name' },
        { keys: `${plus}/`, does: 'Show these shortcuts' },
        { keys: 'Alt+↑ / Alt+↓', does: 'Open the room or DM above or below' },
        { keys: 'Alt+Shift+↑ / Alt+Shift+↓', does: 'Open the nearest one with unread messages' },
        { keys: `${plus}↑ / ${plus}↓`, does: 'Move the favourite in focus up or down (or drag it)' },
        { keys: 'Esc', does: 'Close the panel or the drawer' },
        { keys: 'Shift+Esc', does: 'Mark everything as read' },
      ],
    },
    {
      group: 'In the composer',
      items: [
        ...sending,
        { keys: '↑ (empty)', does: 'Edit your last message' },
        { keys: 'Esc', does: 'Drop the reply being written' },
        { keys: '@ · : · /', does: 'Complete a name, an emoji, a command (↑ ↓, Tab or Enter)' },
      ],
    },
  ]
}
