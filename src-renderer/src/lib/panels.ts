/** What the panel beside the chat shows: one at a time, opened from the header, the topic bar or the sidebar. */
export type Panel = 'inspector' | 'network' | 'search' | 'invite' | 'pins' | 'shortcuts'
