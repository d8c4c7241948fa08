/**
 * The window's (or the browser tab's) title: unread messages first, so they
 * show in a taskbar or a row of tabs, then the open room and the server.
 */
export function windowTitle({ unread, room, server }: { unread: number; room?: string; server?: string }): string {
  const parts = [room, server ?? 'Parley'].filter((part) => part !== undefined && part !== '')
  return `${unread > 0 ? `(${unread}) ` : ''}${parts.join(' · ')}`
}
