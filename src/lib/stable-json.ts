/**
 * JSON with object keys sorted, so equal values hash equally whatever their key order. Iterative
 * (an explicit stack, no recursion): it may run on a body before validation, and no nesting,
 * however deep, may overflow the call stack.
 */
export function stableStringify(value: unknown): string {
  const out: string[] = [];
  // Each frame is either a value still to write or a literal piece of punctuation.
  const stack: ({ value: unknown } | { text: string })[] = [{ value }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('text' in frame) {
      out.push(frame.text);
      continue;
    }
    const current = frame.value;
    if (current === undefined) out.push('null');
    else if (current === null || typeof current !== 'object') out.push(JSON.stringify(current));
    else if (Array.isArray(current)) pushArray(stack, current);
    else pushObject(stack, current as Record<string, unknown>);
  }
  return out.join('');
}

type Frame = { value: unknown } | { text: string };

function pushArray(stack: Frame[], items: readonly unknown[]): void {
  stack.push({ text: ']' });
  for (let i = items.length - 1; i >= 0; i -= 1) {
    stack.push({ value: items[i] });
    if (i > 0) stack.push({ text: ',' });
  }
  stack.push({ text: '[' });
}

function pushObject(stack: Frame[], record: Record<string, unknown>): void {
  const entries = Object.entries(record)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  stack.push({ text: '}' });
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const [key, item] = entries[i]!;
    stack.push({ value: item });
    stack.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` });
  }
  stack.push({ text: '{' });
}
