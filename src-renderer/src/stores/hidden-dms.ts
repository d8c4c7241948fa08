import { defineStore } from 'pinia'
import { keptRoomIds } from '../lib/kept-room-ids'
import { useConnectionStore } from './connection'

/**
 * The DMs this person closed: out of the sidebar on every device until a
 * message comes in one (the server opens it again and says so), or until
 * they open it themselves, from the Go to box or a person's card. Kept by
 * the server for their name (none from a server before protocol 6).
 */
export const useHiddenDmsStore = defineStore('hiddenDms', () => {
  const connection = useConnectionStore()
  const kept = keptRoomIds((roomId, hidden) => connection.request('dm:hide', { roomId, hidden }))
  // Closed or opened on another of this person's devices, or opened by a message in it.
  connection.on('dm:hidden', ({ roomId, hidden }) => kept.apply(roomId, hidden))
  connection.onConnect(({ recovered }) => {
    if (recovered) kept.resend()
  })
  const { ids, has, set, restore, reset } = kept
  return { ids, has, set, restore, reset }
})
