// The custom platform's pure parts: logo checks (https or a real small raster data URL), the
// client's fields checked against a definition, placeholders filled in the steps, and every
// ready-made definition valid against the same schema an agency's own must pass.
import { describe, expect, it } from 'vitest';
import {
  DefinitionBodySchema,
  logoProblem,
  MAX_LOGO_DATA_URL,
} from '../../../src/platforms/custom/definition.ts';
import {
  customAssetType,
  customRemovalStep,
  customStep,
  resolveCustomInput,
} from '../../../src/platforms/custom/manifests.ts';
import { readyMadeDefinitions } from '../../../src/platforms/custom/ready-made/index.ts';

const dataUrl = (type: string, bytes: number[]) =>
  `data:${type};base64,${Buffer.from([...bytes, ...new Array<number>(16).fill(0)]).toString('base64')}`;

describe('custom platform logos', () => {
  it('accepts https URLs and real PNG, JPEG, GIF and WebP data URLs', () => {
    expect(logoProblem('https://cdn.example/logo.svg')).toBeNull();
    expect(logoProblem(dataUrl('image/png', [137, 80, 78, 71, 13, 10, 26, 10]))).toBeNull();
    expect(logoProblem(dataUrl('image/jpeg', [0xff, 0xd8, 0xff]))).toBeNull();
    expect(logoProblem(dataUrl('image/gif', [...Buffer.from('GIF89a')]))).toBeNull();
    expect(
      logoProblem(
        dataUrl('image/webp', [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')]),
      ),
    ).toBeNull();
  });

  it('refuses other schemes, credentials, SVG and HTML data, a type that lies, and big images', () => {
    for (const bad of [
      'javascript:alert(1)',
      'http://cdn.example/logo.png',
      'https://user:pw@cdn.example/logo.png',
      'data:text/html;base64,PGgxPg==',
      'data:image/svg+xml;base64,PHN2Zz4=',
      dataUrl('image/png', [0xff, 0xd8, 0xff]),
      `data:image/png;base64,${'A'.repeat(MAX_LOGO_DATA_URL)}`,
      'not a url',
    ])
      expect(logoProblem(bad), bad).not.toBeNull();
  });
});

const wordpress = readyMadeDefinitions.find((r) => r.id === 'wordpress')!;
const type = customAssetType({
  ...wordpress.definition,
  inviteEmail: 'web@northwind.example',
  id: 'x',
  slug: wordpress.slug,
  readyMade: 'wordpress',
  archivedAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe('custom platform steps and fields', () => {
  it('every ready-made definition passes the schema an agency’s own must pass', () => {
    for (const ready of readyMadeDefinitions) {
      expect(DefinitionBodySchema.safeParse(ready.definition).success, ready.id).toBe(true);
      expect(ready.source).toMatch(/^https:\/\//);
    }
  });

  it('fills {agency}, {email} and {level} in the steps and says who confirms', () => {
    const step = customStep(type, { level: 'editor', agencyName: 'Northwind Media' });
    const text = step.instructions.join(' ');
    expect(text).toContain('web@northwind.example');
    expect(text).toContain('Choose the role Editor');
    expect(text).toContain('Northwind Media marks this done');
    expect(text).not.toMatch(/\{(agency|email|level)\}/);
  });

  it('checks the client’s fields: required, kind, unknown ids, control characters', () => {
    expect(resolveCustomInput(type, { kind: 'custom_fields', fields: {} })).toEqual({
      problem: 'Fill in “Your site’s address”',
    });
    expect(
      resolveCustomInput(type, { kind: 'custom_fields', fields: { site_url: 'no dot' } }),
    ).toHaveProperty('problem');
    expect(
      resolveCustomInput(type, {
        kind: 'custom_fields',
        fields: { site_url: 'acme.example', extra: 'x' },
      }),
    ).toEqual({ problem: '"extra" is not asked for here' });
    expect(
      resolveCustomInput(type, { kind: 'custom_fields', fields: { site_url: 'acme.example\n' } }),
    ).toHaveProperty('assetId', 'acme.example');
    expect(
      resolveCustomInput(type, { kind: 'custom_fields', fields: { site_url: 'a\u0000.example' } }),
    ).toHaveProperty('problem');
    expect(
      resolveCustomInput(type, { kind: 'custom_fields', fields: { site_url: 'acme.example' } }),
    ).toEqual({
      assetId: 'acme.example',
      assetName: 'WordPress: acme.example',
      stored: { site_url: 'acme.example' },
    });
  });

  it('makes the removal step from the definition’s own text', () => {
    const removal = customRemovalStep(type, { assetId: 'acme.example', assetName: 'WordPress' });
    expect(removal.instructions[0]).toContain('Users › All Users');
    expect(removal.verification).toContain('not verified');
  });
});
