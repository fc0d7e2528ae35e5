/**
 * The OpenAPI fuzz (issue #15's bar) at a CI-sized count: every operation of
 * /api/v1/openapi.json gets 100 drawn malformed requests (signed in as the owner, with the owner's
 * API key and anonymously; a few over the real socket). `npm run fuzz` runs the same with 2,000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOperation, formatTotal, runFuzz } from '../../fuzz/run.ts';
import { startTestRuntime, type TestRuntime } from '../../support/runtime.ts';

let started: TestRuntime;

beforeAll(async () => {
  started = await startTestRuntime({ logLevel: 'error' });
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('OpenAPI fuzz', () => {
  it('answers no malformed request with 5xx or off the error shape, and changes nothing', async () => {
    const report = await runFuzz(
      {
        app: started.runtime.app!,
        url: started.runtime.listenUrl!,
        db: started.runtime.database.db,
      },
      { perOperation: Number(process.env.FUZZ_PER_OPERATION ?? 100) },
    );
    const findings = report.operations.flatMap((r) =>
      r.findings.slice(0, 3).map((f) => `${r.operation} ${f}`),
    );
    console.log(formatTotal(report));
    if (findings.length > 0) console.log(report.operations.map(formatOperation).join('\n'));
    expect(findings).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.operations.length).toBeGreaterThan(60);
    expect(report.requests).toBeGreaterThanOrEqual(report.operations.length * 100);
  }, 600_000);
});
