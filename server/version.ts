import pkg from '../package.json' with { type: 'json' }

export const PARLEY_VERSION: string = pkg.version
