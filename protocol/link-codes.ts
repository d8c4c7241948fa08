/**
 * Codes for adding a device: Crockford's base 32 (no I, L, O or U), so what
 * is read off one screen and typed on another survives the usual slips.
 */
export const LINK_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const LINK_CODE_LENGTH = 8

/** The code as typed, in its one spelling: case, spaces, dashes and look-alike letters aside. */
export function normalizeLinkCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

/** As shown: `7KQ2-M9XD`. */
export function formatLinkCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}
