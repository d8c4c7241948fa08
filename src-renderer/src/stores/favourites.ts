import { defineStore } from 'pinia'
import { keptRoomIds } from '../lib/kept-room-ids'
import { useConnectionStore } from './connection'

/**
 * The rooms and DMs this person lists first in the sidebar, kept by the
 * server for their name so they are first on every device (none from a
 * server before protocol 4). One marked while the server is out of reach
 * shows at once and is handed over with the next join.
 */
export const useFavouritesStore = defineStore('favourites', () => {
  const connection = useConnectionStore()
  const kept = keptRoomIds((roomId, favourite) => connection.request('room:favourite', { roomId, favourite }))
  // Marked on another of this person's devices.
  connection.on('room:favourite', ({ roomId, favourite }) => kept.apply(roomId, favourite))
  connection.onConnect(({ recovered }) => {
    if (recovered) kept.resend()
  })
  const { ids, has, set, restore, reset } = kept
  return { ids, has, set, restore, reset }
})
