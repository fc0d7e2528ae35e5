/**
 * The effective-access explainer's words: each path a person takes to an asset (business role,
 * asset assignment, partner share, individual link), with the level, as one sentence, in a stable
 * order. Pure: it shapes what the connector read.
 */
export interface ExplainedPathInput {
  readonly person: {
    readonly id: string;
    readonly name: string | null;
    readonly email: string | null;
  };
  readonly business: {
    readonly id: string;
    readonly relation: string;
    readonly sourceName: string | null;
  };
  readonly businessRole: string;
  readonly reason: 'business_admin' | 'asset_assignment';
  readonly levels: readonly string[];
}

export interface ExplainedPath extends ExplainedPathInput {
  readonly why: string;
}

const relationWords: Readonly<Record<string, string>> = {
  partner_share: 'a partner share',
  individual_link: "a link from the account owner's TikTok account",
  owner: 'ownership',
};

/** Orders paths (person, then business) and adds the sentence that says why. */
export function explainPaths(paths: readonly ExplainedPathInput[]): ExplainedPath[] {
  return [...paths]
    .sort(
      (a, b) =>
        a.person.id.localeCompare(b.person.id) || a.business.id.localeCompare(b.business.id),
    )
    .map((path) => ({ ...path, why: sentenceFor(path) }));
}

/** One sentence: who, through which membership and role, which relation, at which level. */
export function sentenceFor(path: ExplainedPathInput): string {
  const who = path.person.name ?? path.person.email ?? path.person.id;
  const level = path.levels.length > 0 ? path.levels.join(', ') : 'shared (no level on this type)';
  const relation = relationWords[path.business.relation] ?? path.business.relation;
  const source = path.business.sourceName ? ` from ${path.business.sourceName}` : '';
  const how =
    path.reason === 'business_admin'
      ? `is ${path.businessRole} of business ${path.business.id}, so reaches every asset it holds`
      : `is ${path.businessRole} in business ${path.business.id} and was assigned this asset`;
  return `${who} ${how}; the business holds it through ${relation}${source}; level: ${level}.`;
}
