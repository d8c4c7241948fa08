import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { AckError, DeviceLinkCode, JoinResult, ServerInfo } from '../../../protocol'
import { displayNameSchema, issueMessage } from '../../../protocol/schemas'
import { saveSettings } from '../platform/settings'
import { requestNotificationPermission } from '../platform/notify'
import { connectOptionsFromPage } from '../lib/connect-options'
import { clearSession, deviceId, readSession, sessionToken, writeSession } from '../lib/session-token'
import { useConnectionStore, type ConnectOptions } from './connection'
import { useDraftsStore } from './drafts'
import { usePreferencesStore } from './preferences'
import { useMessagesStore } from './messages'
import { useModerationStore } from './moderation'
import { useNetworkStore } from './network'
import { usePresenceStore } from './presence'
import { useReceiptsStore } from './receipts'
import { usePinsStore } from './pins'
import { useSavedStore } from './saved'
import { useScheduledStore } from './scheduled'
import { useIgnoredStore } from './ignored'
import { useFavouritesStore } from './favourites'
import { useHiddenDmsStore } from './hidden-dms'
import { usePicturesStore } from './pictures'
import { useRoomsStore } from './rooms'
import { useSearchStore } from './search'
import { useUploadsStore } from './uploads'
import { useEmojiStore } from './emoji'

/** Rejoin errors that say "try again", not "no". */
const REJOIN_TRANSIENT = new Set(['TIMEOUT', 'DISCONNECTED', 'INTERNAL', 'RATE_LIMITED'])

/** Joining and leaving: the name, the server, and rejoining after a reconnect. */
export const useSessionStore = defineStore('session', () => {
  const connection = useConnectionStore()
  const rooms = useRoomsStore()
  const presence = usePresenceStore()
  const messages = useMessagesStore()
  const network = useNetworkStore()
  const search = useSearchStore()
  const uploads = useUploadsStore()
  const emoji = useEmojiStore()
  const drafts = useDraftsStore()
  const preferences = usePreferencesStore()
  const receipts = useReceiptsStore()
  const pins = usePinsStore()
  const saved = useSavedStore()
  const scheduled = useScheduledStore()
  const ignored = useIgnoredStore()
  const favourites = useFavouritesStore()
  const hiddenDms = useHiddenDmsStore()
  const pictures = usePicturesStore()
  const moderation = useModerationStore()

  const name = ref('')
  const joined = ref(false)
  const joining = ref(false)
  const joinError = ref('')
  /** The name was taken by someone online: if it is this person on another device, a code from there lets this one in. */
  const needsLinkCode = ref(false)
  const server = ref<ServerInfo | null>(null)
  /** This connection moderates: it may delete anyone's message in a public room. */
  const moderator = ref(false)
  const device = deviceId()
  let token = ''
  let password: string | undefined
  let moderatorPassword: string | undefined

  function apply(result: JoinResult): void {
    name.value = result.name
    server.value = result.server
    moderator.value = result.moderator === true
    // Before the chat shows: the composer opens with the room's draft.
    drafts.restore(`${network.targetUrl}|${result.name}`)
    uploads.restore(`${network.targetUrl}|${result.name}`)
    preferences.restoreRoomLevels(`${network.targetUrl}|${result.name}`, result.roomLevels)
    favourites.restore(result.favourites)
    hiddenDms.restore(result.hiddenDms)
    pictures.restore(result.pictures)
    ignored.restore(result.ignored)
    emoji.hydrate(result.emojiPrefs)
    rooms.hydrate(result)
    presence.hydrate(result.name, result.members, result.sharesLastSeen)
    // Read in a DM while this device was away: "Seen" is asked afresh on every join.
    void receipts.load()
    pins.reload()
    void saved.load()
    void scheduled.load()
    if (moderator.value) void moderation.load()
    joined.value = true
    remember()
  }

  function remember(): void {
    writeSession({
      token,
      name: name.value,
      serverUrl: network.targetUrl,
      rooms: [...rooms.joinedIds],
      password,
      moderatorPassword,
      ...(presence.awayByHand && { away: true }),
    })
  }
  // A room joined or a DM opened after the join is rejoined after a reload too; "Appear away" stays set.
  watch([() => rooms.joinedIds.length, () => presence.awayByHand], () => {
    if (joined.value) remember()
  })

  /** Joins (or rejoins) with this tab's token and rooms; applies the result, or returns the refusal. */
  async function sendJoin(displayName: string, linkCode?: string): Promise<AckError | null> {
    const request = {
      name: displayName,
      token,
      device,
      rooms: rooms.joinedIds,
      ...(linkCode && { linkCode }),
      ...(moderatorPassword && { moderatorPassword }),
      ...(presence.away && { away: true }),
    }
    const result = await connection.request('session:join', request)
    if ('error' in result) return result
    apply(result.data)
    return null
  }

  /**
   * Connects to `serverUrl` and joins as `displayName`; on failure, says why
   * in joinError. `linkCode`, from "Add a device" on another device of this
   * person's, lets this one use the name while that one is online.
   */
  async function join(
    displayName: string,
    serverUrl: string,
    options: ConnectOptions & { linkCode?: string; moderatorPassword?: string } = {},
  ): Promise<boolean> {
    const checked = displayNameSchema.safeParse(displayName)
    if (!checked.success) {
      joinError.value = issueMessage(checked.error)
      return false
    }
    let url: URL
    try {
      url = new URL(serverUrl)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme')
    } catch {
      joinError.value = `"${serverUrl}" is not a server address; try http://192.168.1.20:3000`
      return false
    }
    joining.value = true
    joinError.value = ''
    password = options.password
    requestNotificationPermission()
    token = sessionToken()
    // Through this client's netsim link where it has one, so it can be degraded.
    const connectUrl = await network.openLink(url.origin)
    const { linkCode, moderatorPassword: moderating, ...connectOptions } = options
    moderatorPassword = moderating || undefined
    connection.connect(connectUrl, { ...connectOptionsFromPage(), ...connectOptions })
    try {
      await connection.waitForConnection().catch((error: Error & { data?: { code?: string } }) => {
        // A refusal (such as a wrong password) speaks for itself; anything else is reachability.
        throw new Error(error.data?.code ? error.message : `Could not reach ${url.origin} (${error.message})`)
      })
      const refused = await sendJoin(checked.data, linkCode?.trim() || undefined)
      if (refused) {
        if (refused.error === 'NAME_TAKEN') needsLinkCode.value = true
        throw new Error(refused.message)
      }
      needsLinkCode.value = false
      void saveSettings({ serverUrl: url.origin, displayName: checked.data })
      void messages.restoreOutbox(`${url.origin}|${name.value}`)
      void messages.restoreReadMarks(`${url.origin}|${name.value}`)
      return true
    } catch (error) {
      joinError.value = (error as Error).message
      connection.disconnect()
      return false
    } finally {
      joining.value = false
    }
  }

  /** Rejoins the session this tab had before a reload, if any. */
  async function restore(): Promise<boolean> {
    const stored = readSession()
    if (!stored) return false
    rooms.joinedIds = stored.rooms
    presence.setAwayByHand(stored.away === true)
    return join(stored.name, stored.serverUrl, {
      password: stored.password,
      moderatorPassword: stored.moderatorPassword,
    })
  }

  /** Whether a rejoin after a reconnect started and has not been answered yet. */
  let rejoinPending = false

  function leave(): void {
    rejoinPending = false
    messages.sendMarks()
    connection.disconnect()
    clearSession()
    joined.value = false
    moderator.value = false
    name.value = ''
    rooms.reset()
    presence.reset()
    messages.reset()
    search.reset()
    uploads.reset()
    drafts.reset()
    receipts.reset()
    pins.reset()
    saved.reset()
    scheduled.reset()
    ignored.reset()
    moderation.reset()
    preferences.resetRoomLevels()
    favourites.reset()
    hiddenDms.reset()
    pictures.reset()
  }

  // After a reconnect Socket.IO could not recover, the server has forgotten
  // this connection: join again with the same token and rooms. A transient
  // failure is retried while connected; only a refusal (the name was taken
  // meanwhile) ends the session. A recovered connection keeps what the server
  // knew of it, which is enough only if that connection had joined: one cut
  // while its rejoin was under way comes back recovered but unknown (every
  // send answered NOT_JOINED), so it joins again too.
  connection.onConnect(async ({ recovered }) => {
    if (!joined.value) return
    if (recovered && !rejoinPending) {
      // Trust the replay, but check it: catch up from the last message known
      // complete when the connection dropped (one request per room), which
      // also resumes a catch-up the cut interrupted.
      void messages.catchUp()
      return void messages.flush()
    }
    // Live events stopped counting as complete when the connection dropped (messages store).
    rejoinPending = true
    for (let attempt = 1; connection.status === 'connected' && joined.value; attempt++) {
      const refused = await sendJoin(name.value)
      if (!refused) {
        rejoinPending = false
        // Both at once: a catch-up over a bad link can take a while, and the outbox need not wait for it.
        void messages.catchUp()
        void messages.recountUnloaded()
        await messages.flush()
        return
      }
      if (!REJOIN_TRANSIENT.has(refused.error)) {
        leave()
        joinError.value = `Rejoining failed: ${refused.message}`
        return
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5000)))
    }
  })

  /** A code for adding another device under this name (shown as `7KQ2-M9XD`), or why there is none. */
  async function link(): Promise<DeviceLinkCode | AckError> {
    const result = await connection.request('session:link', {})
    return 'data' in result ? result.data : result
  }

  /** Unlinks this person's other devices and signs them out; how many connections were closed, or why not. */
  async function unlinkOthers(): Promise<{ signedOut: number } | AckError> {
    const result = await connection.request('session:unlink', {})
    return 'data' in result ? result.data : result
  }

  // Signed out from another of this person's devices: back to the join screen, saying so.
  connection.on('session:ended', ({ reason }) => {
    leave()
    joinError.value = reason
  })

  /** Whether a rejoin is under way or was left unfinished: for reports such as the chaos test's. */
  const rejoining = (): boolean => rejoinPending

  return {
    name,
    joined,
    joining,
    joinError,
    needsLinkCode,
    moderator,
    server,
    join,
    restore,
    leave,
    link,
    unlinkOthers,
    rejoining,
  }
})
