import { shallowRef } from 'vue'
import type { Message } from '../../../protocol'

/** The message being passed on, while the box that asks where to is open: one at a time, for the whole page. */
export const forwarding = shallowRef<Message | null>(null)
