/** The shape of an API-backed CLI command group (`latchkey <group> <action> [options]`). */
import type { ParseArgsConfig } from 'node:util';
import type { ApiClient } from '../api-client.ts';
import type { CommandIo } from '../output.ts';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Action {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(client: ApiClient, values: OptionValues, io: CommandIo, json: boolean): Promise<void>;
}

export interface CommandGroup {
  readonly name: string;
  readonly actions: Readonly<Record<string, Action>>;
}

/** A usage mistake: printed with the action's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The string value of an option, or a UsageError when it is required and missing. */
export function stringOption(values: OptionValues, name: string, required: true): string;
export function stringOption(
  values: OptionValues,
  name: string,
  required?: false,
): string | undefined;
export function stringOption(
  values: OptionValues,
  name: string,
  required = false,
): string | undefined {
  const value = values[name];
  if (typeof value === 'string' && value.length > 0) return value;
  if (required) throw new UsageError(`--${name} is required`);
  return undefined;
}

/** A positive integer option, or undefined when absent. */
export function integerOption(values: OptionValues, name: string): number | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new UsageError(`--${name} must be a positive whole number`);
  }
  return parsed;
}
