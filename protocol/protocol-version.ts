/**
 * The version of what server and app say to each other, raised when a server
 * sends what an older app would not understand. 2: reactions and votes as
 * `message:deltas`, typing in large rooms as `typing:batch`. 3: a room marked
 * unread on another device, `read:unmarked`; saved messages, `saved:changed`.
 * 4: favourite rooms, `room:favourite`; forwarding (`forward`, `forwarded`);
 * reminders, `message:remind`; statuses that clear themselves (`until`);
 * search by day (`since`, `until`). An older server refuses what it adds to
 * a request; an older app shows a forward's words without its copy.
 * 5: scheduled messages (`message:schedule`, `scheduled:changed`),
 * ignoring people (`person:ignore`, `person:ignored`) and threads
 * (`message:thread`), which an older server does not answer.
 * 6: reply counts (`replies` on a message and on its quote), which an older
 * server does not send: the app then shows none; closing a DM (`dm:hide`,
 * `dm:hidden`, `hiddenDms`), profile pictures (`person:picture`,
 * `pictures`, `/pictures/<key>`) and favourites in one's own order
 * (`room:order-favourites`), which an older server does not answer.
 * A server before 2 sent none (1). The web client is always its server's; a
 * desktop app may not be, and says so when they differ (`protocolNotice`).
 */
export const PROTOCOL_VERSION = 6

/** What an app that speaks `PROTOCOL_VERSION` tells its person about a server that speaks `server`; '' if they agree. */
export function protocolNotice(server: number | undefined): string {
  const spoken = server ?? 1
  if (spoken === PROTOCOL_VERSION) return ''
  return spoken > PROTOCOL_VERSION
    ? 'This server is newer than this app: update Parley, or some things will not show'
    : 'This server is older than this app: some things may not show until it is updated'
}
