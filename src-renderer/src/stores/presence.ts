import { defineStore } from 'pinia'
import { computed, reactive, ref, toRaw, watch } from 'vue'
import { nameKey, sameName, TYPING_TTL_MS, type AckError, type Member, type TypingEvent } from '../../../protocol'
import { issueMessage, statusTextSchema } from '../../../protocol/schemas'
import { useConnectionStore } from './connection'

/** Who is online (with their transport, and whether away), who is typing, and who "I" am, away or not. */
export const usePresenceStore = defineStore('presence', () => {
  const connection = useConnectionStore()
  const self = ref('')
  const members = ref<Member[]>([])
  /**
   * The name keys of everyone seen since joining: online, or the author of a
   * message shown. What an `@name` in a message shows apart by. It only
   * grows, and each key is reactive alone, so people coming and going
   * re-render no message.
   */
  const knownNames = reactive(new Set<string>())
  function learnName(name: string): void {
    knownNames.add(nameKey(name))
  }
  /** roomId → names typing there. */
  const typing = ref<Record<string, string[]>>({})
  const expiry = new Map<string, ReturnType<typeof setTimeout>>()
  let lastTypingSent: { roomId: string; at: number } | null = null
  /** No input here (or, in the desktop app, anywhere on the computer) for a while. */
  const idle = ref(false)
  /** Set away by hand: stays so, whatever the activity, until set back. */
  const awayByHand = ref(false)
  /** What others see: sent on every change, and with every join (see the session store). */
  const away = computed(() => idle.value || awayByHand.value)
  watch(away, (now) => {
    // Offline, the next join carries it instead.
    if (self.value !== '' && connection.status === 'connected') void connection.request('presence:set', { away: now })
  })
  // A connection recovered after a drop holds what the server knew before it: a change made offline is told now.
  connection.onConnect(({ recovered }) => {
    if (recovered && self.value !== '') void connection.request('presence:set', { away: away.value })
  })

  /**
   * Applies presence changes in one step: a new list, sorted once, however
   * many changed. A burst on a large server holds hundreds of changes, and
   * sorting the (reactive) list once per change cost O(k·N log N).
   */
  function apply(online: readonly Member[], left: readonly string[] = []): void {
    const byName = new Map(toRaw(members.value).map((member) => [member.name, member]))
    for (const member of online) {
      byName.set(member.name, member)
      learnName(member.name)
    }
    for (const name of left) byName.delete(name)
    // Mostly sorted already, so the sort is close to one pass.
    members.value = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))
    for (const name of left) {
      for (const roomId of Object.keys(typing.value)) setTypingName(roomId, name, false)
    }
  }

  function setTypingName(roomId: string, name: string, isTyping: boolean): void {
    const key = `${roomId}\n${name}`
    clearTimeout(expiry.get(key))
    expiry.delete(key)
    const names = (typing.value[roomId] ?? []).filter((existing) => existing !== name)
    if (isTyping) {
      names.push(name)
      // A peer that vanishes mid-word must not type forever.
      expiry.set(
        key,
        setTimeout(() => setTypingName(roomId, name, false), TYPING_TTL_MS),
      )
    }
    typing.value[roomId] = names
  }

  /** Whether this person shows when they were last online; both ways, as the server keeps it. */
  const sharesLastSeen = ref(true)

  function hydrate(self_: string, list: Member[], showsLastSeen = true): void {
    self.value = self_
    members.value = [...list]
    learnName(self_)
    for (const member of list) learnName(member.name)
    typing.value = {}
    sharesLastSeen.value = showsLastSeen
  }

  /** Shows when this person was last online, or stops, on all their devices; null once the server has it, or why not. */
  async function shareLastSeen(on: boolean): Promise<AckError | null> {
    const result = await connection.request('presence:share-seen', { share: on })
    if (!('data' in result)) return result
    sharesLastSeen.value = on
    return null
  }

  /** Tells the room this person is typing, at most every half TTL; `false` stops at once. */
  function reportTyping(roomId: string, isTyping: boolean): void {
    const now = Date.now()
    if (isTyping) {
      const fresh = lastTypingSent?.roomId === roomId && now - lastTypingSent.at < TYPING_TTL_MS / 2
      if (fresh) return
      lastTypingSent = { roomId, at: now }
    } else {
      if (lastTypingSent?.roomId !== roomId) return
      lastTypingSent = null
    }
    void connection.request('typing:set', { roomId, typing: isTyping })
  }

  function setIdle(now: boolean): void {
    idle.value = now
  }

  function setAwayByHand(now: boolean): void {
    awayByHand.value = now
  }

  /** This person's own entry, while they are in. */
  const own = computed(() => members.value.find((member) => sameName(member.name, self.value)))

  /**
   * Says what this person is doing, for everyone ('' clears it), until
   * `until` if given (the server clears it then); null once the server has
   * it, or why not.
   */
  async function setStatus(status: string, until?: number): Promise<AckError | null> {
    const checked = statusTextSchema.safeParse(status)
    if (!checked.success) return { error: 'INVALID_PAYLOAD', message: issueMessage(checked.error) }
    const result = await connection.request('presence:status', {
      status: checked.data,
      ...(until !== undefined && checked.data !== '' && { until }),
    })
    if (!('data' in result)) return result
    apply([result.data])
    return null
  }

  function reset(): void {
    awayByHand.value = false
    sharesLastSeen.value = true
    self.value = ''
    members.value = []
    knownNames.clear()
    typing.value = {}
    for (const timer of expiry.values()) clearTimeout(timer)
    expiry.clear()
    lastTypingSent = null
  }

  connection.on('presence:seen-shared', ({ share }) => (sharesLastSeen.value = share))
  connection.on('presence:joined', (member) => apply([member]))
  connection.on('presence:updated', (member) => apply([member]))
  connection.on('presence:left', ({ name }) => apply([], [name]))
  // A burst on a large server: each name's latest state.
  connection.on('presence:batch', ({ online, left }) => apply(online, left))
  function typingChanged({ roomId, name, typing: isTyping }: TypingEvent): void {
    // Typing on another device of one's own (or here, in a large room's batch) is not news.
    if (!sameName(name, self.value)) setTypingName(roomId, name, isTyping)
  }
  connection.on('typing:changed', typingChanged)
  connection.on('typing:batch', (events) => events.forEach(typingChanged))
  connection.on('message:created', ({ roomId, author }) => setTypingName(roomId, author, false))
  connection.on('message:batch', (messages) => {
    for (const { roomId, author } of messages) setTypingName(roomId, author, false)
  })

  return {
    self,
    own,
    members,
    knows: (key: string) => knownNames.has(key),
    learnName,
    typing,
    away,
    awayByHand,
    hydrate,
    reportTyping,
    setIdle,
    setAwayByHand,
    setStatus,
    sharesLastSeen,
    shareLastSeen,
    reset,
  }
})
