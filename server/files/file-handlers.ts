import { sameName, type AckError } from '../../protocol'
import { fileBeginSchema, fileChunkSchema } from '../../protocol/schemas'
import { handlerOptions, type ServerContext } from '../context'
import { findAccessibleRoom, postingRefusal } from '../rooms/room-access'
import { requestListener, type RequestListeners } from '../socket/handle'
import type { ParleySocket } from '../socket/types'
import { ChunkOutOfPlaceError, FileGoneError, NoSpaceError, type StoredFile } from './file-store'

const NO_FILE: AckError = { error: 'FILE_NOT_FOUND', message: 'No such upload of yours' }

/**
 * An upload of this person's, or why not. Another person's upload is
 * reported as missing: its id is not theirs to know.
 */
export function ownUpload(ctx: ServerContext, socket: ParleySocket, fileId: string): StoredFile | AckError {
  const file = ctx.files.get(fileId)
  if (!file || !sameName(file.uploader, socket.data.name!)) return NO_FILE
  return file
}

export function fileHandlers(ctx: ServerContext): RequestListeners {
  return {
    'file:begin': requestListener(
      fileBeginSchema,
      (socket, { roomId, name, size, type }) => {
        const uploader = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, uploader)
        if ('error' in found) return found
        if (!socket.rooms.has(found.id)) {
          return { error: 'FORBIDDEN', message: `Join #${found.name} before sending files to it` }
        }
        const refused = postingRefusal(found, socket)
        if (refused) return refused
        try {
          return { data: { fileId: ctx.files.begin({ roomId: found.id, uploader, name, size, type }).id } }
        } catch (error) {
          if (error instanceof NoSpaceError) return { error: 'FORBIDDEN', message: error.message }
          throw error
        }
      },
      // Each upload is a message to come: it counts as a send.
      handlerOptions(ctx, 'send'),
    ),

    'file:chunk': requestListener(
      fileChunkSchema,
      async (socket, { fileId, offset, data }) => {
        const file = ownUpload(ctx, socket, fileId)
        if ('error' in file) return file
        try {
          return { data: { received: await ctx.files.write(file, offset, data) } }
        } catch (error) {
          if (error instanceof FileGoneError) return NO_FILE
          if (error instanceof ChunkOutOfPlaceError) return { error: 'INVALID_PAYLOAD', message: error.message }
          if (error instanceof NoSpaceError) return { error: 'FORBIDDEN', message: error.message }
          throw error
        }
      },
      handlerOptions(ctx, 'chunk'),
    ),
  }
}
