/** Server errors in plain words, naming the item an item-level problem is about. */
import { ApiError, describeError } from '../dashboard/api.ts';

interface ItemProblem {
  index: number;
  message: string;
}

function isItemProblems(details: unknown): details is ItemProblem[] {
  return (
    Array.isArray(details) &&
    details.every((d: unknown) => {
      const item = d as Partial<ItemProblem> | null;
      return typeof item?.index === 'number' && typeof item.message === 'string';
    })
  );
}

/**
 * Explains a failed call: the server's message, plus per-item problems (`{index, message}` from
 * `/api/v1/requests`) labelled with the item's name so the user sees which choice to change.
 */
export function explainError(error: unknown, itemLabels: readonly string[] = []): string {
  if (error instanceof ApiError && isItemProblems(error.details)) {
    const lines = error.details.map(
      (problem) =>
        `${itemLabels[problem.index] ?? `Item ${problem.index + 1}`}: ${problem.message}`,
    );
    return `${error.message}. ${lines.join('; ')}`;
  }
  if (!(error instanceof ApiError)) return 'The server could not be reached: try again';
  return describeError(error);
}
