import { shallowRef } from 'vue'

/** The person whose card is open, and what opened it (the card sits by it, and focus goes back to it). */
export interface ShownPerson {
  name: string
  anchor: HTMLElement
}

/** One card at a time, for the whole page: a name clicked in one message closes the card another opened. */
export const shownPerson = shallowRef<ShownPerson | null>(null)

export function showPerson(name: string, anchor: HTMLElement): void {
  shownPerson.value = { name, anchor }
}

/** Closes the card; focus goes back to what opened it, unless the click that closed it went elsewhere. */
export function closePerson(refocus = true): void {
  const shown = shownPerson.value
  shownPerson.value = null
  if (refocus && shown?.anchor.isConnected) shown.anchor.focus()
}
