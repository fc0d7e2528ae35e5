import { describe, expect, it } from 'vitest';
import { auditCsvLine, csvField } from '../../../src/domain/audit-export.ts';
import {
  BrandColorSchema,
  LogoSchema,
  SlugSchema,
  slugifyName,
} from '../../../src/domain/branding.ts';
import { canManageRole, checkMemberChange } from '../../../src/domain/team.ts';
import { checkAgainstManifests, findTemplateProblems } from '../../../src/domain/template-items.ts';

describe('branding rules', () => {
  it('accepts good slugs, colours and logos and refuses the rest', () => {
    expect(SlugSchema.safeParse('acme-growth').success).toBe(true);
    for (const bad of ['ab', 'Acme', 'acme--x', '-acme', 'api', 'a'.repeat(41)]) {
      expect(SlugSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(BrandColorSchema.parse('#AABBCC')).toBe('#aabbcc');
    expect(BrandColorSchema.safeParse('#abc').success).toBe(false);
    expect(LogoSchema.safeParse('https://cdn.example.com/logo.png').success).toBe(true);
    expect(LogoSchema.safeParse('http://cdn.example.com/logo.png').success).toBe(false);
    expect(LogoSchema.safeParse('data:image/svg+xml;base64,PHN2Zz4=').success).toBe(false);
    expect(slugifyName('Café Crème Media!')).toBe('cafe-creme-media');
    expect(SlugSchema.safeParse(slugifyName('AI')).success).toBe(true);
  });
});

describe('template items', () => {
  const check = checkAgainstManifests([
    {
      id: 'tiktok',
      assetTypes: [{ id: 'advertiser', levels: [{ id: 'ANALYST' }, { id: 'ADMIN' }] }],
    },
  ]);
  it('names the unknown platform, asset type or level, and duplicates', () => {
    const item = { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' };
    expect(findTemplateProblems([item], check)).toEqual([]);
    const problems = findTemplateProblems(
      [
        item,
        { ...item, permissionLevel: 'ADMIN' },
        { ...item, assetType: 'pixel' },
        { ...item, platform: 'x' },
      ],
      check,
    );
    expect(problems.map((problem) => problem.index)).toEqual([1, 2, 3]);
  });
});

describe('team rules', () => {
  it('never hands out or manages a role above one’s own, and keeps one owner', () => {
    expect(canManageRole('manager', 'owner')).toBe(false);
    expect(canManageRole('member', 'viewer')).toBe(false);
    expect(canManageRole('owner', 'owner')).toBe(true);
    const base = { actorId: 'a', targetId: 'b', owners: 1 } as const;
    expect(
      checkMemberChange({ ...base, actorRole: 'owner', targetRole: 'owner', newRole: 'manager' }),
    ).toMatch(/one owner/);
    expect(
      checkMemberChange({
        ...base,
        actorRole: 'owner',
        targetRole: 'owner',
        newRole: 'manager',
        owners: 2,
      }),
    ).toBeUndefined();
    expect(
      checkMemberChange({ ...base, actorRole: 'manager', targetRole: 'member', newRole: 'owner' }),
    ).toBeDefined();
    expect(
      checkMemberChange({
        ...base,
        targetId: 'a',
        actorRole: 'owner',
        targetRole: 'member',
        newRole: 'removed',
      }),
    ).toBeDefined();
  });
});

describe('audit CSV', () => {
  it('quotes fields and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    const line = auditCsvLine({
      id: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      actorKind: 'user',
      actorId: null,
      action: 'client.created',
      targetKind: 'client',
      targetId: 'c1',
      data: { a: 1 },
    });
    expect(line).toBe('1,2026-01-01T00:00:00.000Z,user,,client.created,client,c1,"{""a"":1}"\r\n');
  });
});
