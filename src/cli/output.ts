/** CLI output: `--json` prints the API's data as JSON; otherwise a plain aligned table. */

export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Record<string, string | undefined>;
  readonly fetch?: typeof fetch;
}

/** The process's stdout, stderr and environment. */
export const processIo: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};

export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | number | null | undefined;
}

/** Renders rows as a table with a header line; cells are single-line and padded. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) =>
    columns.map((column) => String(column.value(row) ?? '-').replace(/\s+/g, ' ')),
  );
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => line[index]?.length ?? 0)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.header.toUpperCase())), ...cells.map(render)].join(
    '\n',
  );
}

/** Prints `data` as JSON, or the human rendering. */
export function printResult(
  io: CommandIo,
  json: boolean,
  data: unknown,
  human: () => string,
): void {
  io.out(json ? JSON.stringify(data, null, 2) : human());
}
