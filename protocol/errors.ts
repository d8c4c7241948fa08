/** Every error an ack can carry. Messages are for people; codes are for code. */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'NAME_TAKEN',
  'NOT_JOINED',
  'ALREADY_JOINED',
  'ROOM_NOT_FOUND',
  'USER_NOT_FOUND',
  'MESSAGE_NOT_FOUND',
  'FILE_NOT_FOUND',
  'FORBIDDEN',
  'RATE_LIMITED',
  'INTERNAL',
  // Made by clients, never sent by the server:
  'TIMEOUT',
  'DISCONNECTED',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AckError {
  error: ErrorCode
  message: string
  /** With RATE_LIMITED: how long to wait before sending again. */
  retryAfterMs?: number
  /** With RATE_LIMITED by a room's slow mode: the room to wait for. Without it, the wait is for every request. */
  roomId?: string
}

export interface AckData<T> {
  data: T
}

/** What every request's acknowledgement carries: a result or an error. */
export type AckResult<T> = AckData<T> | AckError

export type Ack<T> = (result: AckResult<T>) => void

export function isAckError<T>(result: AckResult<T>): result is AckError {
  return 'error' in result
}

/** Why the server refused a connection (on `connect_error`'s `data.code`). */
export type ConnectRefusal = 'PASSWORD_REQUIRED' | 'WRONG_PASSWORD' | 'TOO_MANY_ATTEMPTS' | 'ORIGIN_NOT_ALLOWED'
