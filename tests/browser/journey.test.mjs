// journey.test.mjs — a referral taken through the browser by clicking, as
// its people would: a referrer books a consultation (first with mistakes),
// a manager screens it, adds a parent, records consent and allocates, and
// the coordinator finds it on their dashboard. Every page reached is
// checked with axe and photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, check, signIn, signOut, fillDate, errorSummary } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const today = new Date();
const iso = (d) => d.toISOString().slice(0, 10);
const daysAgo = (n) => iso(new Date(today.getTime() - n * 86400000));
const child = `Maja Kowalska ${Date.now() % 100000}`;
let caseUrl;

test('signing in: a wrong password says so and keeps the email; the referrer lands on their cases', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE}/`);
  assert.match(page.url(), /\/sign-in$/);
  await check(page, '01-sign-in');
  await page.getByLabel('Email address').fill('sam.patel@example.org');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.deepEqual(await errorSummary(page), ['The email address or password is not right. Check them and try again.']);
  assert.equal(await page.getByLabel('Email address').inputValue(), 'sam.patel@example.org');
  assert.equal(await page.getByLabel('Password').inputValue(), '', 'a password is never sent back');
  await check(page, '02-sign-in-error');
  await signIn(page, 'referrer');
  assert.match(page.url(), /\/cases$/);
  await check(page, '03-referrer-cases');
  await page.context().close();
});

test('a referrer books a consultation: mistakes are listed, what was typed is kept', async () => {
  const page = await newPage(browser);
  await signIn(page, 'referrer');
  await page.getByRole('link', { name: 'Book a consultation' }).first().click();
  await check(page, '04-book-consultation');
  await page.getByLabel("Child's full name").fill(child);
  await page.locator('#child_dob-day').fill('31');
  await page.locator('#child_dob-month').fill('2');
  await page.locator('#child_dob-year').fill('2015');
  await page.getByLabel('Why are you referring the family?').fill('Worries about school attendance\nand routines.');
  await page.getByRole('button', { name: 'Book the consultation' }).click();
  const errors = await errorSummary(page);
  assert.ok(errors.includes("The child's date of birth must be a real date"), errors.join(' | '));
  assert.ok(errors.some((e) => /consultation session/.test(e)), errors.join(' | '));
  assert.ok(errors.some((e) => /kind of help/.test(e)), errors.join(' | '));
  assert.equal(await page.getByLabel("Child's full name").inputValue(), child);
  assert.equal(await page.locator('#child_dob-day').inputValue(), '31');
  assert.equal(await page.getByLabel('Why are you referring the family?').inputValue(), 'Worries about school attendance\nand routines.');
  assert.match(await page.title(), /^Error: /);
  await check(page, '05-book-consultation-errors');
  // The first link of the summary goes to its field.
  await page.locator('.govuk-error-summary a').first().click();

  await page.locator('#child_dob-day').fill('28');
  await fillDate(page, 'consultation_at', daysAgo(3), '10:00');
  await page.getByLabel('Your name').fill('Sam Patel');
  await page.getByLabel('Your role').fill('Social worker');
  await page.getByLabel('Your organisation').fill("Children's Social Care");
  await page.getByLabel('Support a child protection plan').check();
  await page.getByLabel('Who is in the family?').fill('Maja lives with her mother Anna; grandparents nearby.');
  await page.getByLabel('How will the family benefit from a meeting?').fill('The family wants to help.');
  await page.getByLabel("What are the family's strengths?").fill('Loving grandparents.');
  await page.getByLabel("What questions should the family's plan answer?").fill('How will Maja get to school every day?');
  await page.getByLabel('What are the bottom lines?').fill('Maja must attend school.');
  await page.getByLabel('What risks are known?').fill('None known');
  await page.locator('#emergency-2').check();
  await page.getByRole('button', { name: 'Book the consultation' }).click();
  assert.match(page.url(), /\/cases\/[0-9a-f]{32}\?done=book_consultation$/, (await errorSummary(page)).join(' | '));
  await assert.doesNotReject(page.getByText('Consultation booked').waitFor());
  await assert.doesNotReject(page.getByRole('heading', { name: child }).waitFor());
  caseUrl = page.url().replace(/\?.*$/, '');
  await check(page, '06-case-booked-referrer');
  await signOut(page);
  assert.match(page.url(), /\/sign-in/);
  await assert.doesNotReject(page.getByText('You have signed out.').waitFor());
  await page.context().close();
});

test('a team manager screens, adds a parent, records consent and allocates', async () => {
  const page = await newPage(browser);
  await signIn(page, 'team_manager');
  assert.match(page.url(), /\/dashboard$/);
  await check(page, '07-dashboard-team-manager');
  await page.goto(caseUrl);
  await check(page, '08-case-overview-manager');
  await page.getByRole('link', { name: 'Screen the consultation' }).first().click();
  await page.getByRole('button', { name: 'Save screening' }).click();
  assert.equal((await errorSummary(page)).length, 8, 'each unanswered question is listed');
  await check(page, '09-screening-errors');
  for (const name of ['isolated_asylum_seeking_child', 'consent_to_share_refused', 'prefers_another_route',
    'violence_unmanageable', 'intergenerational_sexual_abuse', 'section_47_enquiry', 'violence_at_meeting',
    'carer_decision_making_impaired']) await page.locator(`#${name}-2`).check();
  await page.getByRole('button', { name: 'Save screening' }).click();
  await assert.doesNotReject(page.getByText('Screening recorded').waitFor());

  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await check(page, '10-add-person');
  await page.getByLabel('Full name').fill('Anna Kowalska');
  await page.getByLabel('Parent', { exact: true }).check();
  await page.getByLabel('Relationship to the child (optional)').fill('mother');
  await page.locator('#parental_responsibility').check();
  await page.getByRole('button', { name: 'Add the person' }).click();
  await assert.doesNotReject(page.getByText('Person added').waitFor());

  await page.getByRole('link', { name: 'Record consent' }).first().click();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.ok((await errorSummary(page)).length >= 3);
  await check(page, '11-consent-errors');
  await page.getByLabel('Who is giving consent?').selectOption({ label: 'Anna Kowalska (mother)' });
  // A refusal closes the case, so it is checked first; changing it goes back.
  await page.locator('#to_meeting-2').check();
  await page.locator('#to_sharing').check();
  await page.getByLabel('Verbal').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await assert.doesNotReject(page.getByRole('button', { name: 'Record and close the case' }).waitFor());
  await assert.doesNotReject(page.getByText('Anna Kowalska (mother)').waitFor());
  await check(page, '11a-consent-refusal-check');
  await page.getByRole('button', { name: 'Change the answers' }).click();
  assert.equal(await page.locator('#to_meeting-2').isChecked(), true, 'the answers are kept');
  await page.locator('#to_meeting').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await assert.doesNotReject(page.getByText('Consent recorded').waitFor());

  await page.getByRole('link', { name: /Allocate/ }).first().click();
  await check(page, '12-allocate');
  await page.getByLabel('Grace Okafor').check();
  await page.getByRole('button', { name: 'Allocate' }).click();
  await assert.doesNotReject(page.getByText('Coordinator allocated').waitFor());
  await check(page, '13-case-allocated');
  assert.equal(await page.getByRole('heading', { name: 'What you can do next' }).count(), 1);
  await assert.doesNotReject(page.getByText('Sat 28 Feb 2015').waitFor(), 'the date of birth in words');
  await page.context().close();
});

test('the coordinator finds the case in their caseload with its next deadline', async () => {
  const page = await newPage(browser);
  await signIn(page, 'coordinator');
  const row = page.locator('table').first().locator('tr', { hasText: child });
  await assert.doesNotReject(row.waitFor());
  assert.match(await row.innerText(), /First contact with the family/);
  assert.equal(await row.locator('.govuk-tag').count() >= 1, true);
  await check(page, '14-dashboard-coordinator');
  await row.getByRole('link').click();
  await page.getByRole('link', { name: 'What has happened on this case' }).click();
  for (const what of ['Consultation booked', 'Referral screened', 'Anna Kowalska added', 'Coordinator allocated'])
    await assert.doesNotReject(page.getByText(what).first().waitFor(), what);
  await check(page, '15-timeline');
  await page.context().close();
});

test('search finds the case; a wrong address and a forbidden case get pages that say what to do', async () => {
  const page = await newPage(browser);
  await signIn(page, 'coordinator');
  await page.goto(`${BASE}/cases`);
  await page.getByLabel("Search by child's name or case reference").fill('Kowalska');
  await page.getByRole('button', { name: 'Search' }).click();
  await assert.doesNotReject(page.getByRole('link', { name: /FTM-/ }).first().waitFor());
  await check(page, '16-search');
  const missing = await page.goto(`${BASE}/no/such/page`);
  assert.equal(missing.status(), 404);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Page not found' }).waitFor());
  await check(page, '17-not-found');
  const noCase = await page.goto(`${BASE}/cases/${'0'.repeat(32)}`);
  assert.equal(noCase.status(), 404);
  await page.context().close();
});

test('pages work with JavaScript turned off', async () => {
  const page = await newPage(browser, { javaScript: false });
  await signIn(page, 'coordinator');
  assert.match(page.url(), /\/dashboard$/);
  await page.goto(caseUrl);
  await assert.doesNotReject(page.getByRole('heading', { name: child }).waitFor());
  await page.context().close();
});
