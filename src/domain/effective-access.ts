/**
 * The effective-access explainer's words: each path a person takes to an asset (business role,
 * membership, asset assignment, access on the parent), with the level, as one sentence in the
 * platform's own words, in a stable order. Pure: it shapes what the connector read.
 */

/**
 * Why a person reaches an asset: `business_admin` (admin of the holding business: every asset it
 * holds, at the holding's level), `business_member` (every user of the holding business reaches
 * every asset at their own role: a Google Ads manager account), `asset_assignment` (given this
 * asset), `parent_access` (access on what contains the asset: a GA4 account over its properties).
 */
export type AccessPathReason =
  'business_admin' | 'business_member' | 'asset_assignment' | 'parent_access';

/**
 * How one platform says each path. Each reason's sentence may use `{who}`, `{role}`,
 * `{business}`, `{via}`, `{relation}`, `{source}` (" from X" or nothing) and `{level}`.
 */
export interface AccessExplainerWords {
  readonly reasons: Readonly<Partial<Record<AccessPathReason, string>>>;
  /** How the agency's side holds the asset: `partner_share` → "a partner share". */
  readonly relations: Readonly<Record<string, string>>;
}

/** One way a person reaches an asset, as a connector reads it. */
export interface ExplainedPathInput {
  readonly person: {
    readonly id: string;
    readonly name: string | null;
    readonly email: string | null;
  };
  /** The business through which the person reaches it, and how that business holds the asset. */
  readonly business: {
    readonly id: string;
    readonly relation: string;
    readonly sourceName: string | null;
  };
  /**
   * The person's role there as the platform spells it (TikTok BC `ADMIN`/`STANDARD` plus a finance
   * role, Meta `ADMIN`/`EMPLOYEE`, Google Ads access role, GTM account access).
   */
  readonly businessRole: string;
  readonly reason: AccessPathReason;
  /** Where the access sits when not on the asset itself (`parent_access`: the parent's id). */
  readonly via?: string;
  /** The permissions the person ends up with, as the platform spells them. */
  readonly levels: readonly string[];
}

export interface ExplainedPath extends ExplainedPathInput {
  readonly why: string;
}

/** What the holding sentence needs: the agency's identity on the platform and what it holds. */
export interface HoldingInput {
  /** The platform's name for the agency's identity: "Business Center", "manager account". */
  readonly identity: string;
  readonly businessId: string;
  readonly holding: AccessHolding | null;
}

/** How the agency's side holds an asset: the relation, held or pending, the levels, from whom. */
export interface AccessHolding {
  readonly relation: string;
  readonly status: 'holds' | 'pending';
  readonly levels: readonly string[];
  readonly sourceName: string | null;
}

/** Level ids as words (the platform's labels); the id itself when none is given. */
export type LevelWords = (level: string) => string;

/** Orders paths (person, then business, then reason) and adds the sentence that says why. */
export function explainPaths(
  paths: readonly ExplainedPathInput[],
  words: AccessExplainerWords,
  levelWords: LevelWords = (level) => level,
): ExplainedPath[] {
  return [...paths]
    .sort(
      (a, b) =>
        a.person.id.localeCompare(b.person.id) ||
        a.business.id.localeCompare(b.business.id) ||
        a.reason.localeCompare(b.reason),
    )
    .map((path) => ({ ...path, why: sentenceFor(path, words, levelWords) }));
}

/** One sentence: who, through which membership and role, which relation, at which level. */
export function sentenceFor(
  path: ExplainedPathInput,
  words: AccessExplainerWords,
  levelWords: LevelWords = (level) => level,
): string {
  const template =
    words.reasons[path.reason] ?? '{who} reaches it through {business} ({role}); level: {level}.';
  const values: Record<string, string> = {
    who: path.person.name ?? path.person.email ?? path.person.id,
    role: path.businessRole,
    business: path.business.id,
    via: path.via ?? path.business.id,
    relation: relationWords(path.business.relation, words),
    source: path.business.sourceName ? ` from ${path.business.sourceName}` : '',
    level: levelsInWords(path.levels, levelWords),
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The agency's holding as one sentence (or that it holds nothing). */
export function sentenceForHolding(
  input: HoldingInput,
  words: AccessExplainerWords,
  levelWords: LevelWords = (level) => level,
): string {
  const who = `The agency's ${input.identity} ${input.businessId}`;
  const { holding } = input;
  if (holding === null) return `${who} does not hold it.`;
  const how = `${relationWords(holding.relation, words)}${holding.sourceName ? ` from ${holding.sourceName}` : ''}`;
  const level = levelsInWords(holding.levels, levelWords);
  return holding.status === 'holds'
    ? `${who} holds it through ${how}; level: ${level}.`
    : `${who} is waiting for it through ${how} (not accepted yet); level: ${level}.`;
}

function relationWords(relation: string, words: AccessExplainerWords): string {
  return words.relations[relation] ?? relation.replaceAll('_', ' ');
}

function levelsInWords(levels: readonly string[], levelWords: LevelWords): string {
  return levels.length > 0 ? levels.map(levelWords).join(', ') : 'shared (no level on this type)';
}
