// Runs the X sandbox on its own Fastify listener (`latchkey sandbox x_ads --port N`).
import type { ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { startStandalone } from '../../sandbox-kit/instance.ts';
import { createXSandbox, type XSandbox, type XSandboxApp } from './index.ts';

export const STANDALONE_PREFIX = '/sandbox/x';

/** Starts the sandbox at `http://host:port/sandbox/x`; returns its URL and a close function. */
export async function startXSandbox(options: {
  host: string;
  port: number;
  dataFile?: string;
  apps: XSandboxApp[];
  control?: ControlAccess;
}): Promise<{ url: string; close: () => Promise<void>; sandbox: XSandbox }> {
  const sandbox = createXSandbox({
    apps: options.apps,
    ...(options.control === undefined ? {} : { control: options.control }),
    ...(options.dataFile === undefined ? {} : { dataFile: options.dataFile }),
  });
  return startStandalone(sandbox, {
    host: options.host,
    port: options.port,
    prefix: STANDALONE_PREFIX,
  });
}
