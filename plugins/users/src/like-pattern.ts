/**
 * Escapes `\`, `%` and `_` so user input matches literally inside a LIKE pattern written with
 * `ESCAPE '\'`; the input itself always travels as a bound parameter.
 *
 * @example
 * `%${escapeLike('50%_off')}%` // '%50\%\_off%'
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
