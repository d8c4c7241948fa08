/**
 * The one protocol module: shared by server, renderer and main process.
 * It imports neither Node nor the DOM.
 */
export * from './errors'
export * from './events'
export * from './limits'
export * from './models'
export * from './names'
export * from './mentions'
export * from './quotes'
export * from './reactions'
export * from './bridge'
export * from './netsim-presets'
export * from './probe'
export * from './link-codes'
export * from './moderation'
export * from './polls'
export * from './deltas'
export * from './protocol-version'
export * from './search'
export * from './discovery'
export * from './pictures'
