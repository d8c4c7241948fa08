import { defineStore } from 'pinia'
import { keptRoomIds } from '../lib/kept-room-ids'
import { useConnectionStore } from './connection'

/**
 * The rooms and DMs this person lists first in the sidebar, kept by the
 * server for their name so they are first on every device (none from a
 * server before protocol 4). One marked while the server is out of reach
 * shows at once and is handed over with the next join, or as the dropped
 * connection recovers.
 */
export const useFavouritesStore = defineStore('favourites', () => {
  const connection = useConnectionStore()
  const kept = keptRoomIds((roomId, favourite) => connection.request('room:favourite', { roomId, favourite }))
  // Marked on another of this person's devices.
  connection.on('room:favourite', ({ roomId, favourite }) => kept.apply(roomId, favourite))
  connection.onConnect(({ recovered }) => {
    if (recovered) kept.resend()
  })
  // Put in another order on another of this person's devices.
  connection.on('room:favourites-ordered', (roomIds) => {
    kept.ids.value = [...roomIds]
  })

  /**
   * Puts the favourites in this order (any not named after, as they were):
   * here at once, on the person's other devices once the server has it. One
   * made while the server is out of reach holds here until the next join.
   */
  function order(roomIds: readonly string[]): void {
    const named = roomIds.filter((roomId) => kept.has(roomId))
    kept.ids.value = [...named, ...kept.ids.value.filter((roomId) => !named.includes(roomId))]
    void connection.request('room:order-favourites', { roomIds: kept.ids.value })
  }

  const { ids, has, set, restore, reset } = kept
  return { ids, has, set, order, restore, reset }
})
