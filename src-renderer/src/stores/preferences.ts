import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_NOTIFY_LEVEL, type NotifyLevel } from '../../../protocol'
import { loadSettings, saveSettings } from '../platform/settings'

/** This person's preferences, kept with the settings: which new messages notify. */
export const usePreferencesStore = defineStore('preferences', () => {
  const notifyFor = ref<NotifyLevel>(DEFAULT_NOTIFY_LEVEL)

  async function load(): Promise<void> {
    notifyFor.value = (await loadSettings()).notifyFor
  }

  async function setNotifyFor(level: NotifyLevel): Promise<void> {
    notifyFor.value = level
    await saveSettings({ notifyFor: level })
  }

  return { notifyFor, load, setNotifyFor }
})
