import { afterEach, expect } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useConnectionStore } from '../../src-renderer/src/stores/connection'
import { useEmojiStore } from '../../src-renderer/src/stores/emoji'
import { useFavouritesStore } from '../../src-renderer/src/stores/favourites'
import { useHiddenDmsStore } from '../../src-renderer/src/stores/hidden-dms'
import { useMessagesStore } from '../../src-renderer/src/stores/messages'
import { useModerationStore } from '../../src-renderer/src/stores/moderation'
import { usePreferencesStore } from '../../src-renderer/src/stores/preferences'
import { usePresenceStore } from '../../src-renderer/src/stores/presence'
import { useSavedStore } from '../../src-renderer/src/stores/saved'
import { useRoomsStore } from '../../src-renderer/src/stores/rooms'
import { useSessionStore } from '../../src-renderer/src/stores/session'

/** One window of the app: a fresh set of its stores, not joined to anything yet. */
export function newAppStores() {
  setActivePinia(createPinia())
  return {
    connection: useConnectionStore(),
    session: useSessionStore(),
    rooms: useRoomsStore(),
    messages: useMessagesStore(),
    presence: usePresenceStore(),
    preferences: usePreferencesStore(),
    moderation: useModerationStore(),
    emoji: useEmojiStore(),
    saved: useSavedStore(),
    favourites: useFavouritesStore(),
    hiddenDms: useHiddenDmsStore(),
  }
}

export type AppStores = ReturnType<typeof newAppStores>

/**
 * The app's stores against a real server, as a person uses them: joined,
 * with #general loaded. Each leaves when the test ends, before a server
 * fixture declared earlier in the file stops its server.
 */
export function useAppFixture(): {
  join(url: string, name?: string, options?: Parameters<AppStores['session']['join']>[2]): Promise<AppStores>
} {
  const open: AppStores[] = []
  afterEach(() => open.splice(0).forEach((app) => app.session.leave()))
  return {
    async join(url, name = 'Ann', options = {}) {
      const app = newAppStores()
      open.push(app)
      expect(await app.session.join(name, url, options)).toBe(true)
      await app.messages.loadLatest('general')
      return app
    },
  }
}
