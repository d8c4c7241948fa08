import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { nameKey, picturePath, type AckError } from '../../../protocol'
import { squarePicture } from '../lib/picture-resize'
import { useConnectionStore } from './connection'
import { useNetworkStore } from './network'
import { usePresenceStore } from './presence'

/**
 * Profile pictures: which names have one (a version each, from the join and
 * then `person:picture`), and each fetched once per version into memory,
 * shown from a blob: URL as image previews are (the page's CSP allows no
 * other origin's images). A face with none shows initials.
 */
export const usePicturesStore = defineStore('pictures', () => {
  const connection = useConnectionStore()
  const network = useNetworkStore()
  /** Name key to version. */
  const versions = ref<Record<string, number>>({})
  /** Name key to the picture fetched, and which version it is. */
  const loaded = reactive(new Map<string, { version: number; url: string }>())
  const fetching = new Set<string>()

  async function fetchPicture(key: string, version: number): Promise<void> {
    const wanted = `${key}@${version}`
    if (fetching.has(wanted)) return
    fetching.add(wanted)
    try {
      const response = await fetch(`${network.targetUrl}${picturePath(key, version)}`)
      if (!response.ok || versions.value[key] !== version) return
      const url = URL.createObjectURL(await response.blob())
      const before = loaded.get(key)
      loaded.set(key, { version, url })
      if (before) URL.revokeObjectURL(before.url)
    } catch {
      // Initials meanwhile; the next version, or the next join, asks again.
    } finally {
      fetching.delete(wanted)
    }
  }

  /** Whether `name` has a picture, come or not. */
  function has(name: string): boolean {
    return versions.value[nameKey(name)] !== undefined
  }

  /** The picture to show for `name`, if they have one and it has come; asking for it the first time. */
  function urlOf(name: string): string | undefined {
    const key = nameKey(name)
    const version = versions.value[key]
    if (version === undefined) return undefined
    const held = loaded.get(key)
    if (held?.version !== version) void fetchPicture(key, version)
    // The one before, while the new one comes.
    return held?.url
  }

  function apply(name: string, version: number | null): void {
    const key = nameKey(name)
    if (version !== null) versions.value = { ...versions.value, [key]: version }
    else {
      const rest = { ...versions.value }
      delete rest[key]
      versions.value = rest
      const held = loaded.get(key)
      if (held) URL.revokeObjectURL(held.url)
      loaded.delete(key)
    }
  }

  /** Makes a square of the chosen image and sets it as this person's picture; null once the server has it, or why not. */
  async function setOwn(file: Blob): Promise<AckError | null> {
    const image = await squarePicture(file)
    if ('error' in image) return image
    const result = await connection.request('person:picture', { image })
    if ('error' in result) return result
    apply(usePresenceStore().self, result.data)
    return null
  }

  /** Takes this person's picture off; null once the server has done it, or why not. */
  async function clearOwn(): Promise<AckError | null> {
    const result = await connection.request('person:picture', { image: null })
    if ('error' in result) return result
    apply(usePresenceStore().self, null)
    return null
  }

  /** On every join: everyone's, as the server keeps them (none from a server before protocol 6). */
  function restore(kept: Record<string, number> = {}): void {
    versions.value = { ...kept }
  }

  function reset(): void {
    versions.value = {}
    for (const { url } of loaded.values()) URL.revokeObjectURL(url)
    loaded.clear()
  }

  connection.on('person:picture', ({ name, version }) => apply(name, version))

  return { versions, has, urlOf, setOwn, clearOwn, restore, reset }
})
