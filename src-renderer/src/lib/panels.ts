/** What the panel beside the chat shows: one at a time, opened from the header, the topic bar or the sidebar. */
export type Panel =
  'inspector' | 'network' | 'search' | 'invite' | 'pins' | 'saved' | 'scheduled' | 'ignored' | 'thread' | 'shortcuts'

/** Each panel's name, for screen readers moving between the page's regions. */
export const PANEL_NAMES: Record<Panel, string> = {
  inspector: 'Connection inspector',
  network: 'Network',
  search: 'Search',
  invite: 'Invite people',
  pins: 'Pinned messages',
  saved: 'Saved messages',
  scheduled: 'Scheduled messages',
  ignored: 'Ignored people',
  thread: 'Thread',
  shortcuts: 'Keyboard shortcuts',
}
