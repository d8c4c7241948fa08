import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { PresenceRegistry } from '../../server/presence/presence-registry'
import type { ParleySocket } from '../../server/socket/types'

/** A connection as the registry sees it: only its transport and whether it is away are read. */
const connection = (): ParleySocket =>
  ({ conn: { transport: { name: 'websocket' } }, data: {} }) as unknown as ParleySocket

// Case variants, accents, a script with no case, and names that differ only in Unicode form.
const NAMES = ['ann', 'Ann', 'ANN', 'bob', 'Bob', 'émile', 'Emile', 'emile', 'zoë', 'Zoe', '李', 'ß', 'SS', 'ｂｏｂ']
const byName = (a: string, b: string): number => a.localeCompare(b)
/** Each test tab on a device of its own, as a client that sends no device id is. */
const holder = (token: number) => ({ token: `token-${token}`, device: `token-${token}` })

type Op = { kind: 'claim'; name: number; token: number } | { kind: 'release'; socket: number }

const ops = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('claim' as const), name: fc.nat(NAMES.length - 1), token: fc.nat(2) }),
    fc.record({ kind: fc.constant('release' as const), socket: fc.nat(40) }),
  ),
  { maxLength: 60 },
)

describe('presence registry', () => {
  it('lists everyone online by name, whatever the order of joins, takeovers and leavings', () => {
    fc.assert(
      fc.property(ops, (sequence: Op[]) => {
        const registry = new PresenceRegistry()
        // The model: who holds each name key, with which token and connection.
        const model = new Map<string, { name: string; token: number; socket: ParleySocket }>()
        const sockets: Array<{ name: string; socket: ParleySocket }> = []
        for (const op of sequence) {
          if (op.kind === 'claim') {
            const name = NAMES[op.name]!
            const socket = connection()
            const held = model.get(PresenceRegistry.key(name))
            const result = registry.claim(name, holder(op.token), socket)
            expect(result.ok).toBe(!held || held.token === op.token)
            if (result.ok) model.set(PresenceRegistry.key(name), { name, token: op.token, socket })
            sockets.push({ name, socket })
          } else if (sockets.length > 0) {
            const { name, socket } = sockets[op.socket % sockets.length]!
            const holds = model.get(PresenceRegistry.key(name))?.socket === socket
            expect(registry.release(name, socket)).toBe(holds ? 'left' : null)
            if (holds) model.delete(PresenceRegistry.key(name))
          }
          const listed = registry.members().map((member) => member.name)
          expect([...listed].sort(byName)).toEqual(listed)
          expect([...listed].sort()).toEqual([...model.values()].map((entry) => entry.name).sort())
          expect(registry.size).toBe(model.size)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('shows the name as last claimed when a reconnect takes it over in another case', () => {
    const registry = new PresenceRegistry()
    registry.claim('zed', { token: 't', device: 't' }, connection())
    registry.claim('ann', { token: 't', device: 't' }, connection())
    registry.claim('Bob', { token: 't', device: 't' }, connection())
    registry.claim('ANN', { token: 't', device: 't' }, connection())
    expect(registry.members().map((member) => member.name)).toEqual(['ANN', 'Bob', 'zed'])
  })

  it('holds a name on several linked devices at once, listed once, until the last one goes', () => {
    // token-0 and token-1 are two devices of one person; token-2 is someone else.
    const linked = (a: string, b: string) => a === b || [a, b].every((t) => t === 'token-0' || t === 'token-1')
    fc.assert(
      fc.property(ops, (sequence: Op[]) => {
        const registry = new PresenceRegistry()
        const model = new Map<string, { name: string; connections: Map<ParleySocket, number> }>()
        const sockets: Array<{ name: string; socket: ParleySocket }> = []
        for (const op of sequence) {
          if (op.kind === 'claim') {
            const name = NAMES[op.name]!
            const socket = connection()
            const key = PresenceRegistry.key(name)
            const held = model.get(key)
            const tokens = [...(held?.connections.values() ?? [])]
            const allowed = !held || tokens.some((token) => linked(`token-${token}`, `token-${op.token}`))
            const result = registry.claim(name, holder(op.token), socket, linked)
            expect(result.ok).toBe(allowed)
            if (result.ok) {
              expect(result.joined).toBe(!held)
              const entry = held ?? { name, connections: new Map() }
              const sameDevice = [...entry.connections].find(([, token]) => token === op.token)?.[0]
              expect(result.replaced).toBe(sameDevice)
              if (sameDevice) entry.connections.delete(sameDevice)
              entry.connections.set(socket, op.token)
              if (entry.connections.size === 1) entry.name = name
              model.set(key, entry)
            }
            sockets.push({ name, socket })
          } else if (sockets.length > 0) {
            const { name, socket } = sockets[op.socket % sockets.length]!
            const entry = model.get(PresenceRegistry.key(name))
            const holds = entry?.connections.delete(socket) ?? false
            const expected = !holds ? null : entry!.connections.size > 0 ? 'stayed' : 'left'
            expect(registry.release(name, socket)).toBe(expected)
            if (expected === 'left') model.delete(PresenceRegistry.key(name))
          }
          const listed = registry.members().map((member) => member.name)
          expect([...listed].sort(byName)).toEqual(listed)
          expect([...listed].sort()).toEqual([...model.values()].map((entry) => entry.name).sort())
        }
      }),
      { numRuns: 300 },
    )
  })

  it('shows a person on several devices on the transport of the one that joined last, then of the one left', () => {
    const on = (name: string) => ({ conn: { transport: { name } }, data: {} }) as unknown as ParleySocket
    const registry = new PresenceRegistry()
    const [laptop, phone] = [on('websocket'), on('polling')]
    registry.claim('Ann', { token: 'a', device: 'laptop' }, laptop)
    registry.claim('Ann', { token: 'b', device: 'phone' }, phone, () => true)
    expect(registry.members()).toEqual([{ name: 'Ann', transport: 'polling', devices: 2 }])
    // Another tab of the laptop is no other device.
    const tab = on('websocket')
    registry.claim('Ann', { token: 'c', device: 'laptop' }, tab)
    expect(registry.find('Ann')).toEqual({ name: 'Ann', transport: 'websocket', devices: 2 })
    expect(registry.release('Ann', tab)).toBe('stayed')
    expect(registry.release('Ann', phone)).toBe('stayed')
    expect(registry.find('ann')).toEqual({ name: 'Ann', transport: 'websocket' })
    expect(registry.release('Ann', laptop)).toBe('left')
    expect(registry.members()).toEqual([])
  })
  it('shows a person away only while every connection of theirs is', () => {
    const on = (away: boolean) =>
      ({ conn: { transport: { name: 'websocket' } }, data: { away } }) as unknown as ParleySocket
    const registry = new PresenceRegistry()
    const [laptop, phone] = [on(true), on(false)]
    registry.claim('Ann', { token: 'a', device: 'laptop' }, laptop)
    expect(registry.find('Ann')).toEqual({ name: 'Ann', transport: 'websocket', away: true })
    registry.claim('Ann', { token: 'b', device: 'phone' }, phone, () => true)
    expect(registry.find('Ann')).toEqual({ name: 'Ann', transport: 'websocket', devices: 2 })
    phone.data.away = true
    expect(registry.find('Ann')).toMatchObject({ away: true })
    expect(registry.release('Ann', laptop)).toBe('stayed')
    phone.data.away = false
    expect(registry.members()).toEqual([{ name: 'Ann', transport: 'websocket' }])
  })
})
