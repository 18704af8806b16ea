import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createDataSource, createTestDatabase, runMigrations, type TestDatabase } from '@tessera/database';
import { schedulerEntities, schedulerMigrations } from '@tessera/scheduler';
import { afterEach, describe, expect, it } from 'vitest';

// Separate node processes running the built @tessera/scheduler (test/fixtures/scheduler-instance.mjs)
// with a task due every second. Run `npm run build` first (npm test does).
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scheduler-instance.mjs');
const SECOND = 1000;

interface RanLine {
  instanceId: string;
  event: string;
  slot?: string;
  attempt?: number;
}

interface Instance {
  child: ChildProcess;
  lines: RanLine[];
  ready: Promise<void>;
  exited: Promise<void>;
}

function startInstance(instanceId: string, db: TestDatabase): Instance {
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, INSTANCE_ID: instanceId, DATABASE_URL: db.databaseUrl ?? '', DATA_DIR: db.dataDir ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: RanLine[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as RanLine;
      lines.push(parsed);
      if (parsed.event === 'ready') resolve();
    });
    child.once('exit', (code) => reject(new Error(`instance ${instanceId} exited with ${code} before it was ready`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, lines, ready, exited };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs recorded for slots in [from, to] (ms), by slot. */
async function recordedRuns(db: TestDatabase, from: number, to: number): Promise<Map<number, Array<{ outcome: string; attempt: number; instance_id: string }>>> {
  const dataSource = await createDataSource({ url: db.databaseUrl, dataDir: db.dataDir ?? '', entities: schedulerEntities, migrations: schedulerMigrations });
  try {
    const rows = (await dataSource.query(
      `SELECT slot_at, outcome, attempt, instance_id FROM tessera_task_runs WHERE plugin = 'fixture' AND task = 'ticker' AND slot_at BETWEEN $1 AND $2`,
      [new Date(from), new Date(to)],
    )) as Array<{ slot_at: Date; outcome: string; attempt: number; instance_id: string }>;
    const bySlot = new Map<number, Array<{ outcome: string; attempt: number; instance_id: string }>>();
    for (const row of rows) bySlot.set(new Date(row.slot_at).getTime(), [...(bySlot.get(new Date(row.slot_at).getTime()) ?? []), row]);
    return bySlot;
  } finally {
    await dataSource.destroy();
  }
}

/** Every whole second strictly inside (start, end), minus a margin at both ends for boot and stop. */
function slotsBetween(start: number, end: number): number[] {
  const slots: number[] = [];
  for (let slot = Math.ceil(start / SECOND) * SECOND + SECOND; slot <= end - SECOND; slot += SECOND) slots.push(slot);
  return slots;
}

function executions(instances: Instance[], slot: number): number {
  const iso = new Date(slot).toISOString();
  return instances.flatMap((i) => i.lines).filter((l) => l.event === 'ran' && l.slot === iso).length;
}

describe('scheduler across processes', () => {
  let db: TestDatabase | undefined;
  const instances: Instance[] = [];

  afterEach(async () => {
    for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    instances.length = 0;
    await db?.cleanup();
  });

  // With DATABASE_URL (CI's real-services pass): two instances share PostgreSQL. Without it: PGlite
  // allows one process per data folder, so one instance shows the same code path records every tick.
  it(
    process.env.DATABASE_URL
      ? 'two instances on one PostgreSQL run every tick exactly once for 10 s, also after one is killed half-way'
      : 'one instance on the embedded PGlite database records every tick once',
    async () => {
      db = await createTestDatabase();
      if (db.databaseUrl) await twoInstancesOneKilled(db, instances);
      else await oneInstance(db, instances);
    },
    45_000,
  );
});

async function twoInstancesOneKilled(db: TestDatabase, instances: Instance[]): Promise<void> {
  // Migrate once up front, as a deploy would, instead of letting both instances race to create the tables.
  await runMigrations({ url: db.databaseUrl, dataDir: db.dataDir ?? '', migrations: schedulerMigrations });
  const a = startInstance('instance-a', db);
  const b = startInstance('instance-b', db);
  instances.push(a, b);
  await Promise.all([a.ready, b.ready]);

  const start = Date.now();
  await sleep(5 * SECOND);
  a.child.kill('SIGKILL');
  const killedAt = Date.now();
  await sleep(5 * SECOND);
  const end = Date.now();
  b.child.kill('SIGTERM');
  await b.exited;

  const slots = slotsBetween(start, end);
  const runs = await recordedRuns(db, slots[0], slots[slots.length - 1]);
  expect(slots.length).toBeGreaterThanOrEqual(8);
  for (const slot of slots) {
    const recorded = runs.get(slot) ?? [];
    expect(recorded, `slot ${new Date(slot).toISOString()}`).toHaveLength(1);
    expect(recorded[0].outcome, `slot ${new Date(slot).toISOString()}`).toBe('success');
    // A run cut by the kill is taken over as attempt 2; any other ran its body exactly once.
    if (recorded[0].attempt === 1) expect(executions(instances, slot), `slot ${new Date(slot).toISOString()}`).toBe(1);
  }
  // After the kill every slot went to the survivor.
  const afterKill = slots.filter((slot) => slot > killedAt + SECOND);
  expect(afterKill.every((slot) => runs.get(slot)?.[0].instance_id === 'instance-b')).toBe(true);
}

async function oneInstance(db: TestDatabase, instances: Instance[]): Promise<void> {
  const solo = startInstance('instance-solo', db);
  instances.push(solo);
  await solo.ready;
  const start = Date.now();
  await sleep(4 * SECOND);
  const end = Date.now();
  solo.child.kill('SIGTERM');
  await solo.exited;

  const slots = slotsBetween(start, end);
  const runs = await recordedRuns(db, slots[0], slots[slots.length - 1]);
  expect(slots.length).toBeGreaterThanOrEqual(2);
  for (const slot of slots) {
    expect(runs.get(slot)?.map((r) => [r.outcome, r.instance_id]), `slot ${new Date(slot).toISOString()}`).toEqual([['success', 'instance-solo']]);
    expect(executions(instances, slot)).toBe(1);
  }
}
