import { readFileSync } from 'node:fs'
import { summarizeProfile, profileMarkdown } from './profile-summary'
console.log(profileMarkdown('x', summarizeProfile(JSON.parse(readFileSync(process.argv[2]!, 'utf8')), 40)))
