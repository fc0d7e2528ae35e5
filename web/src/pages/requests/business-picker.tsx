import { useState } from 'react';
import { apiFetch } from '../dashboard/api.ts';
import { useApi } from '../dashboard/use-api.ts';
import type { Connection } from './agency-connections-section.tsx';
import { explainError } from './explain-error.ts';
import { Loading } from './status-badges.tsx';

interface Business {
  id: string;
  name: string;
  isAdmin: boolean;
}

/**
 * Picks the business grants go to, among those the connection reaches; only an admin's business
 * can receive grants (the server says so plainly otherwise).
 */
export function BusinessPicker(props: { connection: Connection; onChosen: () => void }) {
  const c = props.connection;
  const { data, error } = useApi<{ businesses: Business[] }>(
    `/api/v1/agency/connections/${c.platform}/businesses`,
  );
  const [chosen, setChosen] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <Loading what={`your ${c.identityLabel}s`} />;
  if (data.businesses.length === 0)
    return <p>This account reaches no {c.identityLabel}: connect as an admin of one.</p>;
  const value = chosen ?? c.businessId ?? data.businesses.find((b) => b.isAdmin)?.id ?? '';
  const save = async () => {
    try {
      await apiFetch(`/api/v1/agency/connections/${c.platform}/business`, {
        method: 'PUT',
        body: { businessId: value },
      });
      setProblem(undefined);
      props.onChosen();
    } catch (failure) {
      setProblem(explainError(failure));
    }
  };
  return (
    <div className="rq-actions">
      <label>
        {c.identityLabel} for grants{' '}
        <select
          value={value}
          onChange={(e) => setChosen(e.target.value)}
          data-testid={`business-${c.platform}`}
        >
          {data.businesses.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.id}){b.isAdmin ? '' : ' — not an admin'}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={!value || value === c.businessId}
        onClick={() => void save()}
        data-testid={`choose-business-${c.platform}`}
      >
        Use this {c.identityLabel}
      </button>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
