/** The command finished what it was asked to do. */
export const EXIT_OK = 0;
/** The command ran and failed: bad input, a taken email, an unreachable database. */
export const EXIT_FAILURE = 1;
/** The command line itself was wrong: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;
/** Stopped by the user (Ctrl-C at a prompt), as shells report a SIGINT. */
export const EXIT_INTERRUPTED = 130;
