import { describe, expect, it } from 'vitest'
import { linkedMessage, messageInFragment, messageLink } from '../../src-renderer/src/lib/message-link'

describe('links to messages', () => {
  const server = 'http://192.168.1.20:3000'

  it('names the server’s page and the message in the fragment, and reads it back', () => {
    const link = messageLink(`${server}/`, 'general', 42)
    expect(link).toBe(`${server}/#message/general/42`)
    expect(linkedMessage(link, [server])).toEqual({ roomId: 'general', messageId: 42 })
    // A DM's id, whatever it holds, goes through the fragment and back.
    const dm = messageLink(server, 'dm:ann/bob lee', 7)
    expect(linkedMessage(dm, [server])).toEqual({ roomId: 'dm:ann/bob lee', messageId: 7 })
    expect(messageInFragment('#message/general/42')).toEqual({ roomId: 'general', messageId: 42 })
  })

  it('takes only a link to this server’s page for one', () => {
    const link = messageLink(server, 'general', 42)
    expect(linkedMessage(link, ['http://192.168.1.21:3000'])).toBeNull()
    expect(linkedMessage(`${server}/files/x#message/general/42`, [server])).toBeNull()
    expect(linkedMessage(`${server}/?a=1#message/general/42`, [server])).toBeNull()
    expect(linkedMessage(`${server}/#message/general/4x2`, [server])).toBeNull()
    expect(linkedMessage('not a url', [server])).toBeNull()
    expect(messageInFragment('#message/%E0%A4%A/1')).toBeNull()
    expect(messageInFragment('')).toBeNull()
  })
})
