import { computed, onScopeDispose, ref, watch, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import { sameName, type Member } from '../../../protocol'
import { usePresenceStore } from '../stores/presence'
import { useConnectionStore } from '../stores/connection'
import { lastSeenLabel } from './last-seen'
import { statusTitle as titleOf } from './status-clear'

export interface PersonState {
  /** Their entry while online. */
  member: ComputedRef<Member | undefined>
  state: ComputedRef<'online' | 'away' | 'offline'>
  /** `online`, `away`, `last seen 5 minutes ago`, or `offline` where the server does not say. */
  label: ComputedRef<string>
  /** What they say they are doing, while online. */
  status: ComputedRef<string>
  /** That, and until when if it clears itself: what its hover says. */
  statusTitle: ComputedRef<string>
}

/** Whether `name()` is online, away, or when they were last seen: beside a DM's name, and on a person's card. */
export function usePersonState(name: () => string): PersonState {
  const connection = useConnectionStore()
  const { members, sharesLastSeen } = storeToRefs(usePresenceStore())
  const member = computed(() => members.value.find((candidate) => sameName(candidate.name, name())))
  const state = computed(() => (member.value ? (member.value.away ? 'away' : 'online') : 'offline'))

  const seenAt = ref<number | null>(null)
  // Asked each time they are found offline: on showing them, as they leave, and
  // when this person shows their own again (it works both ways).
  watch(
    [name, state, sharesLastSeen],
    async ([asked, now]) => {
      seenAt.value = null
      if (asked === '' || now !== 'offline') return
      const result = await connection.request('presence:seen', { name: asked })
      if ('data' in result && asked === name()) seenAt.value = result.data.at
    },
    { immediate: true },
  )

  // "5 minutes ago" moves on by the minute while it is shown.
  const now = ref(Date.now())
  const ticker = setInterval(() => (now.value = Date.now()), 60_000)
  onScopeDispose(() => clearInterval(ticker))

  const label = computed(() => {
    if (state.value !== 'offline') return state.value
    return seenAt.value === null ? 'offline' : lastSeenLabel(seenAt.value, now.value)
  })
  const status = computed(() => member.value?.status ?? '')
  const statusTitle = computed(() => (member.value ? titleOf(member.value, now.value) : ''))
  return { member, state, label, status, statusTitle }
}
