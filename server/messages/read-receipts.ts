import { z } from 'zod'
import { dmPartner, type DmReceipts, type Room } from '../../protocol'
import { receiptsShareSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'

/**
 * Read receipts, in DMs only: there the other person is one, and "Seen"
 * answers a question; a room's marks would cost a broadcast per reader per
 * message, and would tell everyone who reads what. They work both ways, as
 * in most messengers: whoever does not share theirs sees nobody's.
 */

/** Tells the other person in a DM that `reader` has read it up to `upTo`, on all their devices, if both share. */
export function shareDmMark(ctx: ServerContext, room: Room, reader: string, upTo: number): void {
  if (room.kind !== 'dm' || !room.members) return
  const partner = dmPartner(room.members, reader)
  if (!ctx.readMarks.sharesReceipts(reader) || !ctx.readMarks.sharesReceipts(partner)) return
  ctx.io.to(personalRoom(partner)).emit('receipts:seen', { roomId: room.id, upTo })
}

/** Whether `reader` shares receipts, and how far the other person has read each of their DMs. */
function dmReceipts(ctx: ServerContext, reader: string): DmReceipts {
  const share = ctx.readMarks.sharesReceipts(reader)
  const marks: DmReceipts['marks'] = []
  for (const dm of share ? ctx.rooms.listDmsOf(reader) : []) {
    const partner = dm.members && dmPartner(dm.members, reader)
    if (partner === undefined || !ctx.readMarks.sharesReceipts(partner)) continue
    const upTo = ctx.readMarks.markOf(partner, dm.id)
    if (upTo !== undefined) marks.push({ roomId: dm.id, upTo })
  }
  return { share, marks }
}

/**
 * `name` started or stopped sharing: the other person in each of their DMs
 * sees their "Seen" go at once, or come back (if they share too).
 */
function tellPartners(ctx: ServerContext, name: string, share: boolean): void {
  for (const dm of ctx.rooms.listDmsOf(name)) {
    const partner = dm.members && dmPartner(dm.members, name)
    if (partner === undefined) continue
    const partnerRoom = ctx.io.to(personalRoom(partner))
    if (!share) {
      partnerRoom.emit('receipts:withheld', { roomId: dm.id })
      continue
    }
    const upTo = ctx.readMarks.markOf(name, dm.id)
    if (upTo !== undefined && ctx.readMarks.sharesReceipts(partner))
      partnerRoom.emit('receipts:seen', { roomId: dm.id, upTo })
  }
}

export function receiptHandlers(ctx: ServerContext): RequestListeners {
  return {
    'receipts:get': requestListener(
      z.strictObject({}),
      (socket) => ({ data: dmReceipts(ctx, socket.data.name!) }),
      handlerOptions(ctx),
    ),

    'receipts:share': requestListener(
      receiptsShareSchema,
      (socket, { share }) => {
        const name = socket.data.name!
        ctx.readMarks.setSharesReceipts(name, share)
        // This device has the ack; the person's others follow at once.
        socket.to(personalRoom(name)).emit('receipts:shared', { share })
        tellPartners(ctx, name, share)
        return { data: { share } }
      },
      handlerOptions(ctx),
    ),
  }
}
