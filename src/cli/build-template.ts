/**
 * Writes dist/pglite-template/ at build time (see src/store/pglite-template.ts):
 * `node dist/cli/build-template.js`.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createQueues, startQueue } from '../jobs/queue.ts';
import { jobs } from '../jobs/registry.ts';
import { openDatabase } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';
import { pgliteTemplatePath } from '../store/pglite-template.ts';

/**
 * Builds the template in a temporary folder and copies it to `target` once PGlite has closed it
 * (a clean shutdown, so a copy opens without recovery).
 */
export async function writePgliteTemplate(target = pgliteTemplatePath): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-template-'));
  try {
    const database = await openDatabase({ dataDir: dir, template: false });
    try {
      await migrate(database);
      const queue = await startQueue(database, { supervise: false });
      await createQueues(queue.boss, jobs);
      await queue.stop();
    } finally {
      await database.close();
    }
    await rm(target, { recursive: true, force: true });
    await cp(path.join(dir, 'pglite'), target, { recursive: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  await writePgliteTemplate(process.argv[2]);
}
