import { useState } from 'react';
import { apiFetch, ApiError } from '../dashboard/api.ts';
import { explainError } from './explain-error.ts';
import { wordsOf } from '../../components/platform-words.ts';
import type { PlatformOptions, RequestItem } from './types.ts';

const tasks = [
  ['report', 'Report only'],
  ['optimise', 'Optimise campaigns'],
  ['billing', 'Manage billing'],
  ['spark_ads', 'Run Spark Ads'],
  ['conversions', 'Track conversions'],
] as const;

interface Advice {
  proposals: {
    platform: string;
    assetType: string;
    level: string;
    reasons: { task: string; reason: string }[];
  }[];
  warnings: { index: number; kind: string; message: string }[];
}

/**
 * The least-privilege advisor (`POST /api/v1/advisor`): say what you will do, get the lowest level
 * per asset type with the reason, and warnings for the current choice; "Use these" applies them.
 */
export function AdvisorPanel(props: {
  items: readonly RequestItem[];
  options: PlatformOptions;
  onUse: (items: RequestItem[]) => void;
}) {
  const words = wordsOf(props.options);
  const [chosen, setChosen] = useState<string[]>([]);
  const [advice, setAdvice] = useState<Advice | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const platforms = [...new Set(props.items.map((item) => item.platform))];
  const ask = async () => {
    setProblem(undefined);
    try {
      setAdvice(
        await apiFetch<Advice>('/api/v1/advisor', {
          method: 'POST',
          body: {
            tasks: chosen,
            items: props.items,
            ...(platforms.length > 0 ? { platforms } : {}),
          },
        }),
      );
    } catch (error) {
      setAdvice(undefined);
      setProblem(
        error instanceof ApiError && error.status === 404
          ? 'The advisor is not available on this server.'
          : explainError(error),
      );
    }
  };
  const toggle = (task: string, on: boolean) =>
    setChosen((now) => (on ? [...now, task] : now.filter((t) => t !== task)));
  return (
    <details className="rq-advisor" data-testid="advisor">
      <summary>Not sure which level? Ask the advisor</summary>
      <fieldset>
        <legend>What will you do for this client?</legend>
        {tasks.map(([id, label]) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(id)}
              onChange={(e) => toggle(id, e.target.checked)}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <button type="button" disabled={chosen.length === 0} onClick={() => void ask()}>
        Suggest levels
      </button>
      {problem && <p role="alert">{problem}</p>}
      {advice && (
        <div role="status">
          <ul>
            {advice.proposals.map((p) => (
              <li key={`${p.platform}|${p.assetType}`}>
                <strong>
                  {words.assetType(p.platform, p.assetType)}:{' '}
                  {words.level(p.platform, p.assetType, p.level)}
                </strong>{' '}
                — {p.reasons.map((r) => r.reason).join(' ')}
              </li>
            ))}
          </ul>
          {advice.warnings.map((w) => (
            <p key={`${w.kind}-${w.message}`} className="rq-warning">
              {w.message}
            </p>
          ))}
          {advice.proposals.length > 0 && (
            <button
              type="button"
              onClick={() =>
                props.onUse(
                  advice.proposals.map((p) => ({
                    platform: p.platform,
                    assetType: p.assetType,
                    permissionLevel: p.level,
                  })),
                )
              }
            >
              Use these
            </button>
          )}
        </div>
      )}
    </details>
  );
}
