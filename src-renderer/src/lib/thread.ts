import { ref } from 'vue'

/** The message whose thread the panel beside the chat shows, if any: set by "💬 3 replies" on a message. */
export const openThread = ref<{ roomId: string; id: number } | null>(null)
