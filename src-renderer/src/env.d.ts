/// <reference types="vite/client" />
import type { ParleyBridge } from '../../protocol'

declare global {
  interface Window {
    /** Present only in the desktop app, put there by the preload script. */
    parley?: ParleyBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

export {}
