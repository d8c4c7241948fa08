import { LIMITS, sameName } from '../../protocol'
import { ignoreRequestSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'

/** Ignoring people: each person's own list, on all their devices; the people ignored are never told. */
export function ignoreHandlers(ctx: ServerContext): RequestListeners {
  return {
    'person:ignore': requestListener(
      ignoreRequestSchema,
      (socket, { name, ignored }) => {
        const self = socket.data.name!
        if (sameName(name, self)) return { error: 'INVALID_PAYLOAD', message: 'You cannot ignore yourself' }
        const before = ctx.ignored.of(self)
        const full = before.length >= LIMITS.ignoredPerPersonMax
        if (ignored && full && !before.some((ignoredName) => sameName(ignoredName, name))) {
          return { error: 'INVALID_PAYLOAD', message: `You can ignore at most ${LIMITS.ignoredPerPersonMax} people` }
        }
        // Named as they call themselves, if they are on.
        ctx.ignored.set(self, ctx.presence.find(name)?.name ?? name, ignored)
        const now = ctx.ignored.of(self)
        socket.to(personalRoom(self)).emit('person:ignored', now)
        return { data: now }
      },
      handlerOptions(ctx),
    ),
  }
}
