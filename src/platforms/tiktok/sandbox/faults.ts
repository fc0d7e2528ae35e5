import { applyBasicFaults } from '../../sandbox-kit/faults.ts';
import { TikTokCode, TikTokError } from './model/errors.ts';
import type { SandboxRuntime } from './runtime.ts';

/**
 * Applies the sandbox's faults to one open_api call: rate limit (40100), latency, then a random
 * transient error (51060 on bc/ paths, 50000 elsewhere). Throws the TikTokError to answer with.
 */
export async function applyFaults(rt: SandboxRuntime, path: string): Promise<void> {
  const bc = path.includes('/bc/');
  await applyBasicFaults(rt, {
    throttled: () =>
      new TikTokError(TikTokCode.tooFrequent, 'Request too frequent, please retry later'),
    transient: () =>
      new TikTokError(
        bc ? TikTokCode.bcRpcError : TikTokCode.sysError,
        bc ? 'BC service error, please retry' : 'System error, please retry',
      ),
  });
}
