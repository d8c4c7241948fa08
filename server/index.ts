export { createParleyServer, ListenError } from './create-server'
export type { ParleyServer, ParleyServerOptions } from './create-server'
export { DataDirError } from './storage/database'
