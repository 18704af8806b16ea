/** Results go to stdout, so they can be piped; messages about failures go to stderr. */
export function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}
