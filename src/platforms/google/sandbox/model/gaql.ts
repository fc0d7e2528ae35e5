// A minimal GAQL parser for the queries Latchkey sends: SELECT fields FROM resource
// [WHERE f op v (AND ...)] [LIMIT n]. Anything else is a queryError (query_error.proto).
import { failAds } from './errors.ts';

export type GaqlValue = string | number | boolean;

export interface GaqlCondition {
  field: string;
  op: '=' | '!=' | 'IN' | 'NOT IN';
  values: GaqlValue[];
}

export interface GaqlQuery {
  fields: string[];
  resource: string;
  where: GaqlCondition[];
  limit: number | null;
}

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string };

const queryError = (value: string, message: string): never =>
  failAds('INVALID_ARGUMENT', 'queryError', value, message);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/.test(ch)) i += 1;
    else if (ch === "'" || ch === '"') {
      const end = query.indexOf(ch, i + 1);
      if (end < 0) queryError('STRING_NOT_TERMINATED', 'Query contains unterminated string.');
      const text = query.slice(i + 1, end);
      if (text.includes('\n'))
        queryError(
          'PROHIBITED_NEWLINE_IN_STRING',
          'Query has a string containing a newline character.',
        );
      tokens.push({ kind: 'string', text });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else if (/[0-9-]/.test(ch)) {
      const m =
        /^-?\d+/.exec(query.slice(i)) ??
        queryError('BAD_NUMBER', 'Encountered number can not be parsed.');
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (query.startsWith('!=', i)) {
      tokens.push({ kind: 'punct', text: '!=' });
      i += 2;
    } else if (',()='.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i += 1;
    } else queryError('BAD_SYMBOL', 'Non-ASCII symbol encountered outside of strings.');
  }
  return tokens;
}

/** Parses one query or throws the matching queryError. */
export function parseGaql(query: string): GaqlQuery {
  const tokens = tokenize(query);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token =>
    tokens[pos++] ??
    queryError('UNEXPECTED_END_OF_QUERY', 'Query is incomplete and cannot be parsed.');
  const isWord = (t: Token | undefined, w: string): boolean =>
    t?.kind === 'word' && t.text.toUpperCase() === w;
  const field = (): string => {
    const t = next();
    if (t.kind !== 'word') queryError('BAD_FIELD_NAME', 'Field name is invalid.');
    return t.text;
  };
  if (!isWord(next(), 'SELECT'))
    queryError('EXPECTED_SELECT', 'SELECT is missing at the beginning of query.');
  const fields = [field()];
  while (peek()?.text === ',') {
    pos += 1;
    fields.push(field());
  }
  if (!isWord(peek(), 'FROM')) queryError('EXPECTED_FROM', 'Missing FROM clause.');
  pos += 1;
  const resource = field();
  const where: GaqlCondition[] = [];
  if (isWord(peek(), 'WHERE')) {
    pos += 1;
    do {
      if (where.length > 0) pos += 1;
      where.push(condition(field(), next, peek, isWord));
    } while (isWord(peek(), 'AND'));
  }
  let limit: number | null = null;
  if (isWord(peek(), 'LIMIT')) {
    pos += 1;
    const t = next();
    if (t.kind !== 'number') queryError('BAD_LIMIT_VALUE', 'Limit value is invalid.');
    limit = Number(t.text);
    if (limit < 1)
      queryError('LIMIT_VALUE_TOO_LOW', 'The value passed to the limit clause is too low.');
  }
  if (pos < tokens.length) queryError('UNEXPECTED_INPUT', 'Query has an unexpected extra part.');
  return { fields, resource, where, limit };
}

function condition(
  name: string,
  next: () => Token,
  peek: () => Token | undefined,
  isWord: (t: Token | undefined, w: string) => boolean,
): GaqlCondition {
  const opToken = next();
  if (opToken.text === '=' || opToken.text === '!=')
    return { field: name, op: opToken.text, values: [value(next())] };
  let op: GaqlCondition['op'] = 'IN';
  if (isWord(opToken, 'NOT')) {
    if (!isWord(next(), 'IN')) queryError('BAD_OPERATOR', 'Invalid operator encountered.');
    op = 'NOT IN';
  } else if (!isWord(opToken, 'IN')) queryError('BAD_OPERATOR', 'Invalid operator encountered.');
  if (next().text !== '(')
    queryError(
      'EXPECTED_LIST',
      'The operator used in the conditions requires the value to be a list.',
    );
  const values: GaqlValue[] = [];
  while (peek()?.text !== ')') {
    if (values.length > 0 && next().text !== ',')
      queryError('UNEXPECTED_INPUT', 'Query has an unexpected extra part.');
    values.push(value(next()));
  }
  next();
  if (values.length === 0)
    queryError('PROHIBITED_EMPTY_LIST_IN_CONDITION', 'A Condition was found with an empty list.');
  return { field: name, op, values };
}

function value(t: Token): GaqlValue {
  if (t.kind === 'string') return t.text;
  if (t.kind === 'number') return Number(t.text);
  if (t.kind === 'word' && /^(TRUE|FALSE)$/i.test(t.text)) return t.text.toUpperCase() === 'TRUE';
  if (t.kind === 'word') return t.text;
  return queryError('BAD_VALUE', 'Value is invalid.');
}
