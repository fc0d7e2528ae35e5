/**
 * A benchmark's helper process (a sandbox, a worker) ends with the benchmark that started it:
 * the parent spawns it with a piped stdin and never writes to it, so the pipe closes exactly
 * when the parent exits, however it exits (finished, crashed, killed). Without this a crashed
 * benchmark left its sandbox running, and the next run waited on it.
 */
export function exitWithParent(onExit: () => void = () => process.exit(0)): void {
  process.stdin.once('close', onExit);
  process.stdin.resume();
}
