/** Injection token of the running app's `ResolvedTesseraConfig`. */
export const TESSERA_CONFIG = Symbol.for('tessera.config');
