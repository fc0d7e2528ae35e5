import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrationsDir } from '../../../src/store/migrate.ts';

const root = path.resolve(migrationsDir, '../../..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

/** The text of `file` in the commit that first added it (the oldest commit we have that holds it). */
function firstCommittedText(file: string): string | undefined {
  const commits = git('log', '--format=%H', '--', file).trim().split('\n').filter(Boolean);
  const first = commits.at(-1);
  return first ? git('show', `${first}:${file}`) : undefined;
}

describe('committed migrations', () => {
  it('are never edited after they were first committed', async () => {
    const migrations = await loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    const edited: string[] = [];
    for (const migration of migrations) {
      const file = path.relative(root, path.join(migrationsDir, migration.name));
      const original = firstCommittedText(file);
      if (original === undefined) continue; // new and not yet committed: free to change
      if (original !== readFileSync(path.join(migrationsDir, migration.name), 'utf8')) {
        edited.push(migration.name);
      }
    }
    expect(edited, 'add a new migration instead of editing a committed one').toEqual([]);
  });

  it('are numbered without gaps or duplicates', async () => {
    const numbers = (await loadMigrations()).map((m) => Number(m.name.slice(0, 4)));
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  });
});
