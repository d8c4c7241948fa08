export { createNetsim, CONTROL_PATH } from './create-netsim'
export type { Netsim, NetsimOptions, NetsimStats } from './create-netsim'
export { parseProfile, describeProfile, ProfileError, PROFILE_HELP, CLEAN } from './profile'
export type { NetsimProfile } from './profile'
