/**
 * `npm run fuzz`: the OpenAPI fuzz at full size (2,000 drawn malformed requests per operation;
 * FUZZ_PER_OPERATION and FUZZ_SEED change that) against the real runtime on a fresh PGlite folder
 * (or PostgreSQL with LATCHKEY_TEST_DB=postgres). Prints one line per operation and the total;
 * exits non-zero on any answer >= 500, any error off the documented shape, any malformed request
 * accepted, or any change to the agency's rows.
 */
import { formatOperation, formatTotal, runFuzz } from '../test/fuzz/run.ts';
import { startTestRuntime } from '../test/support/runtime.ts';

const perOperation = Number(process.env.FUZZ_PER_OPERATION ?? 2_000);
const seed = Number(process.env.FUZZ_SEED ?? 15);
const started = await startTestRuntime({ logLevel: 'error' });
let failed: boolean;
try {
  const startedAt = Date.now();
  const report = await runFuzz(
    { app: started.runtime.app!, url: started.runtime.listenUrl!, db: started.runtime.database.db },
    {
      perOperation,
      seed,
      onOperation: (result) => {
        console.log(formatOperation(result));
        for (const finding of result.findings.slice(0, 5)) console.log(`  ${finding}`);
      },
    },
  );
  for (const change of report.changed) console.log(`  changed: ${change}`);
  console.log(formatTotal(report), `in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  failed = report.serverErrors + report.offShape + report.accepted + report.changed.length > 0;
} finally {
  await started.stop();
}
process.exit(failed ? 1 : 0);
