// Filled in by the database lib: prepares a migrated PGlite template once per run.
export default async function setup(): Promise<void> {}
