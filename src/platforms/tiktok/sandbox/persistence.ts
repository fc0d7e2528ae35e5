// JSON persistence of the sandbox state: read at start, written atomically after each change.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxState } from './model/types.ts';

const FORMAT_VERSION = 1;

/** Reads a saved state, or null when the file does not exist yet. */
export function loadState(dataFile: string): SandboxState | null {
  if (!existsSync(dataFile)) return null;
  const parsed = JSON.parse(readFileSync(dataFile, 'utf8')) as {
    version?: number;
    state?: SandboxState;
  };
  if (parsed.version !== FORMAT_VERSION || !parsed.state)
    throw new Error(`${dataFile}: not a TikTok sandbox state file`);
  return parsed.state;
}

/** Writes the state atomically: a temp file beside the target, then rename over it. */
export function saveState(dataFile: string, state: SandboxState): void {
  mkdirSync(dirname(dataFile), { recursive: true });
  const temp = `${dataFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ version: FORMAT_VERSION, state }));
  renameSync(temp, dataFile);
}
