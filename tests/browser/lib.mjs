// lib.mjs — helpers for the browser tests: Debian's chromium driven by
// playwright-core (never `playwright install`), signing in through the real
// sign-in page, axe-core run on every page reached, and a screenshot of each
// page under build/screenshots/ (artefacts, not committed).
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

export const BASE = process.env.HEARTH_URL ?? 'http://127.0.0.1:8080';
export const PASSWORD = 'hearth-demo-2026';
export const PEOPLE = {
  referrer: 'sam.patel@example.org',
  team_manager: 'rebecca.hall@example.org',
  service_manager: 'yusuf.ahmed@example.org',
  coordinator: 'grace.okafor@example.org',
  administrator: 'chris.morgan@example.org',
};
const SHOTS = 'build/screenshots';
mkdirSync(SHOTS, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Every page checked, with its violations, printed when each test file ends.
export const axeLog = [];
process.on('exit', () => {
  for (const p of axeLog) console.log(`axe ${p.name}: ${p.violations} violations`);
});

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// A page that records console errors and CSP violations (a failed check).
export async function newPage(browser, { javaScript = true } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  // A refused form is answered 422 on purpose: the browser logs that as a
  // failed load; anything else logged as an error (a script error, a CSP
  // violation) is a problem.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
      page.problems.push(m.text());
  });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

// Runs axe (WCAG 2.0/2.1/2.2 A and AA) on the page, saves a screenshot named
// `name`, and fails on any violation.
export async function check(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  let violations = [];
  const js = await page.evaluate(() => typeof document !== 'undefined').catch(() => false);
  if (js) {
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }));
    violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }
  axeLog.push({ name, url: page.url(), violations: violations.length });
  assert.deepEqual(violations, [], `axe on ${name} (${page.url()})`);
  assert.deepEqual(page.problems, [], `console errors on ${name}`);
}

export async function signIn(page, who) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('Email address').fill(PEOPLE[who] ?? who);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
}

export async function signOut(page) {
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.waitForLoadState();
}

// Fills a GOV.UK date input (and its time box) labelled by `legend`.
export async function fillDate(page, name, date, time) {
  const [y, m, d] = date.split('-');
  await page.locator(`#${name}-day`).fill(String(Number(d)));
  await page.locator(`#${name}-month`).fill(String(Number(m)));
  await page.locator(`#${name}-year`).fill(y);
  if (time) await page.locator(`#${name}-time`).fill(time);
}

// The error summary's messages, in order.
export async function errorSummary(page) {
  const box = page.locator('.govuk-error-summary');
  if (await box.count() === 0) return [];
  return (await box.locator('li').allInnerTexts()).map((s) => s.trim());
}
