#!/usr/bin/env node
// The executable npm links as `tessera`. It is committed with its executable bit instead of
// pointing npm at dist/main.js, which the compiler writes without one: after a clean build,
// `npx tessera` answered "Permission denied".
await import('../dist/main.js');
