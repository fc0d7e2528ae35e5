/**
 * What the whole-journey browser test checks at every step, as a person would notice it: the page
 * shows what it should, no console error and no failed request that the step did not expect, axe
 * (WCAG 2.x A/AA) finds no serious or critical violation, and a screenshot of the step is saved
 * (test-results/journey/NN-step.png, kept by CI as an artifact).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';

export const JOURNEY_SHOTS = path.resolve('test-results/journey');

/** A problem the browser reported: a console error, an uncaught error, a failed request. */
interface Problem {
  readonly page: string;
  readonly text: string;
}

/** Serious or critical axe violations on one page, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** Whether the page scrolls sideways (content wider than the viewport). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/**
 * Watches the browser contexts of a journey and records each step (screenshots go to `shots`,
 * test-results/journey by default). `step` fails when something
 * went wrong in the browser since the last step that the step did not `expect`, or when axe finds
 * a serious or critical violation on the page.
 */
export function journeyRecorder(options: { shots?: string } = {}) {
  const shots = options.shots ?? JOURNEY_SHOTS;
  const problems: Problem[] = [];
  const allowed: RegExp[] = [];
  const always: RegExp[] = [];
  const log: string[] = [];
  let count = 0;
  const started = Date.now();
  const pages: Page[] = [];
  /** Pages that must fit their viewport's width (the client's, on a phone). */
  const fitting = new Set<Page>();
  const watchPage = (page: Page) => {
    pages.push(page);
    const where = () => page.url();
    page.on('console', (message) => {
      if (message.type() === 'error')
        problems.push({
          page: where(),
          text: `${message.text()} (${message.location().url || 'no source'})`,
        });
    });
    page.on('pageerror', (error) => problems.push({ page: where(), text: String(error) }));
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? '';
      // A navigation that leaves the page before an earlier load finished is not a failure.
      if (failure === 'net::ERR_ABORTED') return;
      problems.push({ page: where(), text: `${request.method()} ${request.url()} ${failure}` });
    });
    page.on('response', (response) => {
      if (response.status() >= 400)
        problems.push({
          page: where(),
          text: `${response.request().method()} ${response.url()} answered ${response.status()}`,
        });
    });
  };
  return {
    /** Every page opened in this context is watched. */
    watch(context: BrowserContext): void {
      context.on('page', watchPage);
      for (const page of context.pages()) watchPage(page);
    },
    /** The next step expects a problem matching `pattern` (a 404 it shows, say). */
    expect(pattern: RegExp): void {
      allowed.push(pattern);
    },
    /** From now on every step on `page` also fails when the page scrolls sideways. */
    checkFits(page: Page): void {
      fitting.add(page);
    },
    /** Every step tolerates problems matching `pattern` (say why where it is called). */
    tolerate(pattern: RegExp): void {
      always.push(pattern);
    },
    /** After a failure: a screenshot and the text of every page still open, for the log. */
    async lastSight(): Promise<string> {
      const open = pages.filter((p) => !p.isClosed());
      const seen = await Promise.all(
        open.map(async (p, i) => {
          await mkdir(shots, { recursive: true });
          await p.screenshot({ path: path.join(shots, `failed-${i}.png`) }).catch(() => {});
          const text = (await p.textContent('body').catch(() => '')) ?? '';
          return `failed-${i}.png ${p.url()}\n${text.slice(0, 1500)}`;
        }),
      );
      return seen.join('\n\n');
    },
    /** The steps taken so far, with times. */
    log,
    /**
     * Ends a step on `page`: checks the browser's problems and axe, saves the screenshot.
     * Every page a person reads is checked, the sandboxes' included; `axe: false` is for none.
     */
    async step(name: string, page: Page, options: { axe?: boolean } = {}): Promise<void> {
      count += 1;
      const file = `${String(count).padStart(2, '0')}-${name}.png`;
      log.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${file} ${page.url()}`);
      await mkdir(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, file), fullPage: true });
      const unexpected = problems
        .splice(0)
        .filter((p) => ![...allowed, ...always].some((pattern) => pattern.test(p.text)));
      allowed.splice(0);
      if (unexpected.length > 0)
        throw new Error(
          `step ${file}: unexpected browser problems:\n${unexpected.map((p) => `${p.page}: ${p.text}`).join('\n')}`,
        );
      if (fitting.has(page) && (await scrollsSideways(page)))
        throw new Error(`step ${file}: ${page.url()} scrolls sideways at its width`);
      if (options.axe !== false) {
        const violations = await axeViolations(page);
        if (violations.length > 0)
          throw new Error(`step ${file}: axe on ${page.url()}:\n${violations.join('\n')}`);
      }
    },
  };
}
