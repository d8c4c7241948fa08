import { ref, type Ref } from 'vue'
import type { Message } from '../../../protocol'
import { useMessagesStore } from '../stores/messages'
import { usePresenceStore } from '../stores/presence'
import { useRoomsStore } from '../stores/rooms'
import { authorIn } from './notification-policy'

/**
 * For a list of messages from any room (saved ones, a thread): who wrote
 * each where ("Bob in #general"), and opening one in its room, however far
 * back; `opened` hears it opened, `problem` why it did not.
 */
export function useFoundMessages(opened: () => void): {
  problem: Ref<string>
  where(message: Message): string
  open(message: Message): Promise<void>
} {
  const rooms = useRoomsStore()
  const messages = useMessagesStore()
  const presence = usePresenceStore()
  const problem = ref('')
  return {
    problem,
    where: (message) =>
      authorIn(
        message,
        rooms.rooms.find((room) => room.id === message.roomId),
        presence.self,
      ),
    async open(message) {
      problem.value = ''
      const failed = await messages.openLinked({ roomId: message.roomId, messageId: message.id })
      if (failed) problem.value = `Could not open it: ${failed.message}`
      else opened()
    },
  }
}
