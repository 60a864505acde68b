// keyboard.test.mjs — the main journey without a mouse: a referrer signs in
// and books a consultation using only Tab, typing, Space and Enter; a
// coordinator reaches a case from the navigation the same way. Also: the
// case overview's print stylesheet leaves out the navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PEOPLE, PASSWORD, launch, newPage, check, signIn, errorSummary } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Presses Tab until the focused element matches `want` (its label, text or
// name), as a keyboard user would; fails after 150 presses.
async function tabTo(page, want) {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return '';
      const label = el.labels?.[0]?.innerText ?? '';
      return [label, el.innerText ?? '', el.getAttribute('name') ?? '', el.value ?? ''].join(' | ');
    });
    if (want instanceof RegExp ? want.test(here) : here.includes(want)) return;
  }
  assert.fail(`could not reach "${want}" with the Tab key`);
}

test('a referrer books a consultation with the keyboard alone', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE}/sign-in`);
  await tabTo(page, 'Email address');
  await page.keyboard.type(PEOPLE.referrer);
  await tabTo(page, 'Password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/cases$/);
  await tabTo(page, /^\s*\|\s*Book a consultation/);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/cases\/new$/);
  const typeInto = async (label, text) => { await tabTo(page, label); await page.keyboard.type(text); };
  await typeInto("Child's full name", 'Keyboard Child');
  await typeInto('Your name', 'Sam Patel');
  await typeInto('Your role', 'Social worker');
  await typeInto('Your organisation', "Children's Social Care");
  const now = new Date(Date.now() - 2 * 86400000);
  await tabTo(page, /consultation_at-day/);
  await page.keyboard.type(String(now.getDate()));
  await page.keyboard.press('Tab'); await page.keyboard.type(String(now.getMonth() + 1));
  await page.keyboard.press('Tab'); await page.keyboard.type(String(now.getFullYear()));
  await page.keyboard.press('Tab'); await page.keyboard.type('11:00');
  // Radios: Tab reaches the group, Space chooses the focused one.
  await tabTo(page, 'reason_category');
  await page.keyboard.press('Space');
  await typeInto('Why are you referring the family?', 'Routines at home.');
  await typeInto('Who is in the family?', 'Mother and two brothers.');
  await typeInto('How will the family benefit from a meeting?', 'They want to plan together.');
  await typeInto("What are the family's strengths?", 'A close family.');
  await typeInto("What questions should the family's plan answer?", 'Who helps in the mornings?');
  await typeInto('What are the bottom lines?', 'School every day.');
  await typeInto('What risks are known?', 'None known');
  await tabTo(page, /Book the consultation/);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.match(page.url(), /\/cases\/[0-9a-f]{32}\?done=book_consultation$/, (await errorSummary(page)).join(' | '));
  await assert.doesNotReject(page.getByRole('heading', { name: 'Keyboard Child' }).waitFor());
  await check(page, '30-keyboard-booked');
  await page.context().close();
});

test('the skip link and the navigation work from the keyboard', async () => {
  const page = await newPage(browser);
  await signIn(page, 'coordinator');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.innerText.trim()), 'Skip to main content');
  await tabTo(page, /^\s*\|\s*Cases/);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/cases$/);
  await tabTo(page, /FTM-\d{4}-\d{4}/);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);
  // Printed, the case overview is the record without the navigation.
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.govuk-service-navigation', '.govuk-footer', '.govuk-back-link'])
    assert.equal(await page.locator(hidden).first().evaluate((el) => getComputedStyle(el).display), 'none', hidden);
  assert.notEqual(await page.locator('.govuk-task-list').evaluate((el) => getComputedStyle(el).display), 'none');
  await page.pdf({ path: 'build/screenshots/31-case-overview-print.pdf', format: 'A4' });
  await page.context().close();
});
