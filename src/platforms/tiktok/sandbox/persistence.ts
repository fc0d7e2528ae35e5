// JSON persistence of the sandbox state: read at start, written atomically after each change.
import { readJsonFile, writeJsonFileAtomic } from '../../sandbox-kit/state-file.ts';
import type { SandboxState } from './model/types.ts';

const FORMAT_VERSION = 1;

/** Reads a saved state, or null when the file does not exist yet. */
export function loadState(dataFile: string): SandboxState | null {
  const parsed = readJsonFile(dataFile) as { version?: number; state?: SandboxState } | undefined;
  if (parsed === undefined) return null;
  if (parsed.version !== FORMAT_VERSION || !parsed.state)
    throw new Error(`${dataFile}: not a TikTok sandbox state file`);
  return parsed.state;
}

/** Writes the state atomically, wrapped with its format version. */
export function saveState(dataFile: string, state: SandboxState): void {
  writeJsonFileAtomic(dataFile, { version: FORMAT_VERSION, state });
}
