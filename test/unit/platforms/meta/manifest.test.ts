// Our three levels mapped to each asset type's own tasks, read back, and the scopes per type.
import { describe, expect, it } from 'vitest';
import { agencyTasks } from '../../../../src/platforms/meta/sandbox/model/tasks.ts';
import { levelOf, metaTasks, tasksFor } from '../../../../src/platforms/meta/levels.ts';
import { metaManifest, metaScopesFor } from '../../../../src/platforms/meta/manifest.ts';

describe('meta manifest', () => {
  it('every level of every API type maps to tasks from that type’s own enum', () => {
    for (const [type, byLevel] of Object.entries(metaTasks)) {
      for (const tasks of Object.values(byLevel)) {
        for (const task of tasks)
          expect(agencyTasks[type as keyof typeof agencyTasks]).toContain(task);
      }
    }
  });

  it('levels read back as themselves, and a superset reads as the highest covered level', () => {
    for (const [type, byLevel] of Object.entries(metaTasks)) {
      for (const [level, tasks] of Object.entries(byLevel))
        expect(levelOf(type, tasks)).toBe(level);
    }
    expect(levelOf('ad_account', ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'])).toBe('full_control');
    expect(levelOf('ad_account', ['DRAFT'])).toBeUndefined();
    expect(tasksFor('page', 'owner')).toBeUndefined();
  });

  it('levels are listed lowest first for API types; Instagram is manual with one level', () => {
    for (const t of metaManifest.assetTypes.filter((a) => a.grantMethod === 'api')) {
      expect(t.levels.map((l) => l.id)).toEqual(['view_only', 'partial', 'full_control']);
    }
    const ig = metaManifest.assetTypes.find((a) => a.id === 'instagram_account');
    expect(ig?.grantMethod).toBe('manual');
    expect(metaManifest.oauth.pkce).toBe(false);
  });

  it('asks only for the scopes the requested types need (S11)', () => {
    expect(metaScopesFor(['catalog'])).toEqual(['business_management', 'catalog_management']);
    expect(metaScopesFor(['ad_account'])).not.toContain('instagram_basic');
  });
});
