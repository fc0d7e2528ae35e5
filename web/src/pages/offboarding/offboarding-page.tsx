import { useEffect, useState } from 'react';
import { apiFetch, describeError } from '../dashboard/api.ts';
import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';
import { StepsTable, type Step } from './steps-table.tsx';
import { offboardingStatusWords } from '../../../../src/domain/offboarding-words.ts';
import { usePlatformWords } from '../../components/platform-words.ts';
import { formatDateTime } from '../../format/date.ts';

interface Report {
  id: string;
  status: string;
  reason: string;
  platform: string | null;
  createdAt: string;
  finishedAt: string | null;
  steps: Step[];
}

/**
 * /app/offboarding/:id: the offboarding report, its downloads, "Check again", and confirming a
 * removal done by hand that no API can check.
 */
export function OffboardingPage(props: { id: string }) {
  const { data, error, reload } = useApi<{ offboarding: Report }>(
    `/api/v1/offboardings/${props.id}`,
  );
  const [problem, setProblem] = useState<string | undefined>();
  const words = usePlatformWords();
  // While the jobs run, read the report again every second so the page shows the result.
  const status = data?.offboarding.status;
  useEffect(() => {
    if (status !== 'running' && status !== 'verifying') return;
    const timer = setTimeout(reload, 1_000);
    return () => clearTimeout(timer);
  }, [status, data, reload]);
  const again = async () => {
    try {
      await apiFetch(`/api/v1/offboardings/${props.id}/rerun`, { method: 'POST', body: {} });
      reload();
    } catch (failure) {
      setProblem(describeError(failure));
    }
  };
  // A removal no API can check (YouTube, Shopify): a manager confirms it was done by hand.
  const confirm = async (step: Step) => {
    try {
      await apiFetch(`/api/v1/offboardings/${props.id}/steps/${step.id ?? ''}/confirm`, {
        method: 'POST',
        body: {},
      });
      reload();
    } catch (failure) {
      setProblem(describeError(failure));
    }
  };
  const base = `/api/v1/offboardings/${props.id}/report`;
  return (
    <DashboardLayout title="Offboarding report">
      {(me) => (
        <>
          {(error ?? problem) && <p role="alert">{error ?? problem}</p>}
          {data && (
            <>
              <p data-testid="offboarding-status" data-status={data.offboarding.status}>
                Status: <strong>{offboardingStatusWords(data.offboarding.status)}</strong> ·{' '}
                {data.offboarding.reason} ·{' '}
                {data.offboarding.platform
                  ? words.platform(data.offboarding.platform)
                  : 'every platform'}{' '}
                · started {formatDateTime(data.offboarding.createdAt)}
              </p>
              <p>
                Download: <a href={`${base}?format=csv`}>CSV</a> ·{' '}
                <a href={`${base}?format=json`}>JSON</a> ·{' '}
                <a href={`${base}?format=html`}>printable page</a>
              </p>
              <StepsTable
                steps={data.offboarding.steps}
                {...(me.user.role === 'owner' || me.user.role === 'manager'
                  ? { onConfirm: (step: Step) => void confirm(step) }
                  : {})}
              />
              {(me.user.role === 'owner' || me.user.role === 'manager') &&
                data.offboarding.status !== 'completed' && (
                  <button type="button" onClick={() => void again()}>
                    Check again
                  </button>
                )}
            </>
          )}
        </>
      )}
    </DashboardLayout>
  );
}
