import { pictureRequestSchema } from '../../protocol/schemas'
import { handlerOptions, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'
import { pictureType } from './profile-pictures'

/** Profile pictures: each person sets their own; everyone hears of it at once. */
export function pictureHandlers(ctx: ServerContext): RequestListeners {
  return {
    'person:picture': requestListener(
      pictureRequestSchema,
      (socket, { image }) => {
        const name = socket.data.name!
        if (image === null) {
          if (ctx.pictures.clear(name)) ctx.io.emit('person:picture', { name, version: null })
          return { data: null }
        }
        // Told by its bytes: a page or a script called image/png is refused, never served.
        const type = pictureType(image)
        if (!type) return { error: 'INVALID_PAYLOAD', message: 'A picture must be a PNG, JPEG or WebP image' }
        const version = ctx.pictures.set(name, image, type)
        ctx.io.emit('person:picture', { name, version })
        return { data: version }
      },
      handlerOptions(ctx, 'picture'),
    ),
  }
}
