import { TikTokCode, TikTokError } from './model/errors.ts';
import type { SandboxRuntime } from './runtime.ts';

/**
 * Applies the sandbox's faults to one open_api call: rate limit (40100), latency, then a random
 * transient error (51060 on bc/ paths, 50000 elsewhere). Throws the TikTokError to answer with.
 */
export async function applyFaults(rt: SandboxRuntime, path: string): Promise<void> {
  const { latencyMs, errorRate, rateLimit } = rt.faults;
  const now = rt.model.now().getTime();
  if (rateLimit) {
    rt.recentCalls = rt.recentCalls.filter((t) => t > now - rateLimit.perMs);
    if (rt.recentCalls.length >= rateLimit.requests) {
      throw new TikTokError(TikTokCode.tooFrequent, 'Request too frequent, please retry later');
    }
    rt.recentCalls.push(now);
  }
  if (latencyMs !== undefined && latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
  }
  if (errorRate !== undefined && errorRate > 0 && rt.model.random() < errorRate) {
    const bc = path.includes('/bc/');
    throw new TikTokError(
      bc ? TikTokCode.bcRpcError : TikTokCode.sysError,
      bc ? 'BC service error, please retry' : 'System error, please retry',
    );
  }
}
