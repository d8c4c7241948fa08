/** Every error an ack can carry. Messages are for people; codes are for code. */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'NAME_TAKEN',
  'NOT_JOINED',
  'ALREADY_JOINED',
  'ROOM_NOT_FOUND',
  'USER_NOT_FOUND',
  'FORBIDDEN',
  'INTERNAL',
  // Made by clients, never sent by the server:
  'TIMEOUT',
  'DISCONNECTED',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AckError {
  error: ErrorCode
  message: string
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
