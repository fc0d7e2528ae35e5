import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AssetPicker } from './asset-picker.tsx';
import { describeClientError } from './client-errors.ts';
import {
  onboardingApi,
  type AssetListing,
  type OnboardingView,
  type ProgressView,
  type Selection,
} from './client-api.ts';
import { GrantProgress } from './grant-progress.tsx';
import { NextSteps, receiptIntro } from './next-steps.tsx';
import { GuidedFields, guidedInputOf, type GuidedValues } from './guided-fields.tsx';
import {
  initialLanguage,
  languages,
  storeLanguage,
  storedLanguage,
  translateAsset,
  translator,
  type Language,
} from './messages.ts';
import { removeAccessPlace } from '../../i18n/places.ts';
import { PlatformLogo } from '../../components/platform-logo.tsx';
import { formatDate } from '../../format/date.ts';
import './client.css';

/**
 * The ticks survive the round trips to each platform's consent screen (one platform after the
 * other), in this tab only; keyed by the link id, never by its secret.
 */
function selectionStore(token: string) {
  const key = `latchkey-selection:${token.split('.')[0] ?? ''}`;
  return {
    load: (): Set<string> => {
      try {
        const raw = JSON.parse(window.sessionStorage.getItem(key) ?? '[]') as unknown;
        return new Set(Array.isArray(raw) ? raw.filter((v) => typeof v === 'string') : []);
      } catch {
        return new Set();
      }
    },
    save: (keys: Set<string>) => window.sessionStorage.setItem(key, JSON.stringify([...keys])),
    clear: () => window.sessionStorage.removeItem(key),
  };
}

/** What the client typed for guided steps, kept across consent round trips like the ticks. */
function guidedValuesStore(token: string) {
  const key = `latchkey-guided:${token.split('.')[0] ?? ''}`;
  return {
    load: (): GuidedValues => {
      try {
        const raw = JSON.parse(window.sessionStorage.getItem(key) ?? '{}') as unknown;
        if (!raw || typeof raw !== 'object') return {};
        const values: Record<string, Record<string, string>> = {};
        for (const [item, fields] of Object.entries(raw as Record<string, unknown>)) {
          if (!fields || typeof fields !== 'object') continue;
          values[item] = Object.fromEntries(
            Object.entries(fields as Record<string, unknown>).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          );
        }
        return values;
      } catch {
        return {};
      }
    },
    save: (values: GuidedValues) => window.sessionStorage.setItem(key, JSON.stringify(values)),
    clear: () => window.sessionStorage.removeItem(key),
  };
}

/** The client's page behind `/l/<id>.<secret>`: what is asked, connect, tick, approve, progress. */
export function OnboardingPage(props: { token: string }) {
  const api = useMemo(() => onboardingApi(props.token), [props.token]);
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const t = useMemo(() => translator(language), [language]);
  const [view, setView] = useState<OnboardingView>();
  const [listings, setListings] = useState<Record<string, AssetListing>>({});
  const store = useMemo(() => selectionStore(props.token), [props.token]);
  const [selected, setSelected] = useState<Set<string>>(() => store.load());
  const [progress, setProgress] = useState<ProgressView>();
  const guidedStore = useMemo(() => guidedValuesStore(props.token), [props.token]);
  const [guided, setGuided] = useState<GuidedValues>(() => guidedStore.load());
  // Grants whose last "I have done this" found nothing yet (guided steps read back by API).
  const [notYet, setNotYet] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [notice] = useState(() => new URLSearchParams(window.location.search));

  // Listings load one platform after the other (the server saves each into the onboarding's
  // listings, read-modify-write); a load overtaken by a newer one (approving while listings still
  // load) drops its results and its errors.
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const current = () => mine === generation.current;
    const loaded = await api.load();
    if (!current()) return;
    setView(loaded);
    // The agency's choice for this client wins over the browser's; the client's own choice wins.
    const chosen = loaded.request.language;
    if (chosen && !storedLanguage()) setLanguage(chosen);
    if (loaded.onboarding.status === 'started') {
      for (const platform of loaded.platforms.filter((p) => p.connected)) {
        try {
          const listing = await api.assets(platform.id);
          if (current()) setListings((old) => ({ ...old, [platform.id]: listing }));
        } catch (e) {
          if (current()) throw e;
        }
        if (!current()) return;
      }
    } else {
      const loadedProgress = await api.progress();
      if (current()) setProgress(loadedProgress);
    }
  }, [api]);

  useEffect(() => {
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
    reload().catch((e: unknown) => setError(describeClientError(e, t)));
  }, [reload]);

  const working = progress?.working ?? false;
  const awaiting =
    progress?.grants.some((g) => ['pending_acceptance', 'needs_manual_step'].includes(g.status)) ??
    false;
  // Latchkey re-checks waiting grants within seconds, then less often; the page reads the
  // progress every second while grants run, and while they wait every 1, 2, 4 then 8 s, from 1 s
  // again after anything changed.
  const quietPolls = useRef(0);
  const lastProgress = useRef('');
  useEffect(() => {
    if (!progress || (!working && !awaiting)) return;
    const seen = JSON.stringify(progress);
    quietPolls.current = seen === lastProgress.current ? quietPolls.current + 1 : 0;
    lastProgress.current = seen;
    const delay = working ? 1_000 : Math.min(1_000 * 2 ** quietPolls.current, 8_000);
    const timer = setTimeout(() => {
      api
        .progress()
        .then(setProgress)
        .catch(() => undefined);
    }, delay);
    return () => clearTimeout(timer);
  }, [api, progress, working, awaiting]);

  if (error)
    return (
      <main className="lk-client">
        <p className="lk-error" data-testid="client-error">
          {error}
        </p>
      </main>
    );
  if (!view)
    return (
      <main className="lk-client">
        <p>{t('loading')}</p>
      </main>
    );
  const agency = view.agency.name;
  const connect = async (platform: string) => {
    setBusy(true);
    try {
      window.location.assign((await api.start(platform)).authorizationUrl);
    } catch (e) {
      setError(describeClientError(e, t));
      setBusy(false);
    }
  };
  const platformNames = Object.fromEntries(view.platforms.map((p) => [p.id, p.name]));
  const guidedPlatforms = new Set(view.platforms.filter((p) => p.guided).map((p) => p.id));
  const guidedSelections: Selection[] = view.request.items.flatMap((item) => {
    if (!guidedPlatforms.has(item.platform)) return [];
    const input = guidedInputOf(item, guided);
    return input ? [{ platform: item.platform, assetType: item.assetType, input }] : [];
  });
  const approve = async () => {
    setBusy(true);
    try {
      const selections: Selection[] = [
        ...[...selected].map((key) => {
          const [platform = '', assetType = '', assetId = ''] = key.split(':');
          return { platform, assetType, assetId };
        }),
        ...guidedSelections,
      ];
      await api.approve(selections);
      store.clear();
      guidedStore.clear();
      await reload();
    } catch (e) {
      setError(describeClientError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (key: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      store.save(next);
      return next;
    });
  const check = async (grantId: string) => {
    const checked = await api
      .check(grantId)
      .catch((e: unknown) => setError(describeClientError(e, t)));
    const stillWaiting = checked ? checked.grant.status === 'needs_manual_step' : false;
    setNotYet((old) => {
      const next = new Set(old);
      if (stillWaiting) next.add(grantId);
      else next.delete(grantId);
      return next;
    });
    setProgress(await api.progress());
  };
  const confirm = async (grantId: string) => {
    await api.confirm(grantId).catch((e: unknown) => setError(describeClientError(e, t)));
    setProgress(await api.progress());
  };
  const setGuidedValue = (key: string, name: string, value: string) =>
    setGuided((old) => {
      const next = { ...old, [key]: { ...old[key], [name]: value } };
      guidedStore.save(next);
      return next;
    });

  return (
    <main
      className="lk-client"
      style={{ ['--lk-brand' as string]: view.agency.brandColor ?? '#1d4ed8' }}
    >
      <header className="lk-brand">
        {view.agency.logoUrl && <img src={view.agency.logoUrl} alt="" height={40} />}
        <span>{agency}</span>
        <label className="lk-language">
          {t('language')}{' '}
          <select
            value={language}
            onChange={(e) => {
              const next = e.target.value as Language;
              storeLanguage(next);
              setLanguage(next);
            }}
            data-testid="language"
          >
            {languages.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <h1>{t('title', { agency })}</h1>
      {view.request.message && <p className="lk-message">{view.request.message}</p>}
      {view.platforms.map((platform, index) => {
        const items = view.request.items.filter((i) => i.platform === platform.id);
        const listing = listings[platform.id];
        const result = notice.get(platform.id);
        return (
          <section key={platform.id} className="lk-card" data-testid={`step-${platform.id}`}>
            {view.platforms.length > 1 && (
              <p className="lk-step">
                {t('stepOf', {
                  n: String(index + 1),
                  total: String(view.platforms.length),
                  platform: platform.name,
                })}
              </p>
            )}
            <h2 className="lk-platform">
              <PlatformLogo platform={platform.id} name={platform.name} size={28} />
              {platform.name}
            </h2>
            <p>
              {platform.guided
                ? t('guidedIntro', { platform: platform.name })
                : t('intro', {
                    agency,
                    platform: platform.name,
                    place: removeAccessPlace(platform.id, platform.name),
                  })}
            </p>
            <h2>{t('asked')}</h2>
            <ul>
              {items.map((item) => {
                const words = translateAsset(language, item);
                return (
                  <li key={item.assetType}>
                    <strong>{words.type}</strong> — {words.level}: {words.description}
                  </li>
                );
              })}
            </ul>
            {view.request.accessEndsAt && (
              <p>
                {t('ends', {
                  date: formatDate(view.request.accessEndsAt, language),
                })}
              </p>
            )}
            {result === 'denied' && (
              <p className="lk-warning">{t('denied', { platform: platform.name })}</p>
            )}
            {result === 'failed' && (
              <p className="lk-warning">{t('connectFailed', { platform: platform.name })}</p>
            )}
            {!platform.agencyReady && view.onboarding.status === 'started' && (
              <p className="lk-warning" data-testid="agency-not-ready">
                {t('agencyNotReady', { agency, platform: platform.name })}
              </p>
            )}
            {view.onboarding.status === 'started' && platform.guided && (
              <GuidedFields
                items={items}
                values={guided}
                onChange={setGuidedValue}
                t={t}
                language={language}
              />
            )}
            {view.onboarding.status === 'started' && !platform.guided && (
              <>
                {platform.connected && <p>{t('connected', { platform: platform.name })}</p>}
                <button
                  type="button"
                  className={platform.connected ? 'lk-secondary' : 'lk-primary'}
                  disabled={busy}
                  onClick={() => void connect(platform.id)}
                  data-testid={`connect-${platform.id}`}
                >
                  {platform.connected
                    ? t('connectAgain')
                    : t('connect', { platform: platform.name })}
                </button>
                {listing && (
                  <>
                    <h2>{t('pick')}</h2>
                    <p>{t('pickHint', { platform: platform.name, agency })}</p>
                    <AssetPicker
                      listing={listing}
                      items={items}
                      selected={selected}
                      onToggle={toggle}
                      t={t}
                      language={language}
                      agency={agency}
                      platform={platform.id}
                      platformName={platform.name}
                    />
                  </>
                )}
              </>
            )}
          </section>
        );
      })}
      {view.onboarding.status === 'started' &&
        (Object.keys(listings).length > 0 || guidedPlatforms.size > 0) && (
          <button
            type="button"
            className="lk-primary"
            disabled={
              busy ||
              selected.size + guidedSelections.length === 0 ||
              view.platforms.some((p) => !p.agencyReady)
            }
            onClick={() => void approve()}
            data-testid="approve"
          >
            {busy ? t('approving') : t('approve')}
          </button>
        )}
      {progress && (
        <section className="lk-card">
          <h2>{working || awaiting ? t('progress') : t('receipt')}</h2>
          {!working && !awaiting && (
            <p data-testid="receipt">{receiptIntro(progress, agency, t)}</p>
          )}
          <NextSteps progress={progress} agency={agency} platformNames={platformNames} t={t} />
          <GrantProgress
            grants={progress.grants}
            agency={agency}
            platformNames={platformNames}
            notYet={notYet}
            t={t}
            language={language}
            onCheck={check}
            onConfirm={confirm}
          />
          <p>{working || awaiting ? t('waiting') : t('done')}</p>
        </section>
      )}
    </main>
  );
}
