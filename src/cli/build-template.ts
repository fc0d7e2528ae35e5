/**
 * Writes dist/pglite-template.tar.gz at build time (see src/store/pglite-template.ts):
 * `node dist/cli/build-template.js`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createQueues, startQueue } from '../jobs/queue.ts';
import { jobs } from '../jobs/registry.ts';
import { openDatabase } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';
import { pgliteTemplatePath } from '../store/pglite-template.ts';

/** Builds the template in a temporary folder and writes it to `file`. */
export async function writePgliteTemplate(file = pgliteTemplatePath): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-template-'));
  try {
    const database = await openDatabase({ dataDir: dir, templateFile: false });
    try {
      await migrate(database);
      const queue = await startQueue(database, { supervise: false });
      await createQueues(queue.boss, jobs);
      await queue.stop();
      const dump = await database.pglite!.dumpDataDir('gzip');
      await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await database.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  await writePgliteTemplate(process.argv[2]);
}
