// lifecycle.test.mjs — a coordinator carries an allocated case to the end by
// clicking through the pages: first contact, preparation with the child's
// voice, arranging and recording the family meeting, the plan (checked
// before it is recorded), sending it, the review, closure (checked first)
// and an evaluation. Each form is first sent with a mistake: the error
// summary appears and what was typed is kept. Every page is checked by axe.
// The documents each step produces (the plan, the closure letters, the
// evaluation forms) are fetched through the page's own links and read with
// pdftotext.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, launch, newPage, check, signIn, fillDate, errorSummary } from './lib.mjs';

let browser, page, caseUrl;
const day = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
const ahead = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

before(async () => {
  browser = await launch();
  // A case allocated to Grace, ready for first contact, made through the pages.
  const m = await newPage(browser);
  await signIn(m, 'referrer');
  await m.goto(`${BASE}/cases/new`);
  await m.getByLabel("Child's full name").fill('Lifecycle Child');
  await fillDate(m, 'consultation_at', day(3), '10:00');
  await m.getByLabel('Your name').fill('Sam Patel');
  await m.getByLabel('Your role').fill('Social worker');
  await m.getByLabel('Your organisation').fill("Children's Social Care");
  await m.locator('#reason_category').check();
  for (const label of ['Why are you referring the family?', 'Who is in the family?', 'How will the family benefit from a meeting?',
    "What are the family's strengths?", "What questions should the family's plan answer?", 'What are the bottom lines?', 'What risks are known?'])
    await m.getByLabel(label).fill('Written for the lifecycle test.');
  await m.getByRole('button', { name: 'Book the consultation' }).click();
  caseUrl = m.url().replace(/\?.*$/, '');
  await m.context().close();
  const tm = await newPage(browser);
  await signIn(tm, 'team_manager');
  await tm.goto(`${caseUrl}/screening`);
  for (const q of await tm.locator('input[type=radio][value=no]').all()) await q.check();
  await tm.getByRole('button', { name: 'Save screening' }).click();
  await tm.goto(`${caseUrl}/people/new`);
  await tm.getByLabel('Full name').fill('Lena Parent');
  await tm.locator('#role-parent').check();
  await tm.locator('#parental_responsibility').check();
  await tm.getByRole('button', { name: 'Add the person' }).click();
  await tm.goto(`${caseUrl}/consent`);
  await tm.getByLabel('Who is giving consent?').selectOption({ index: 1 });
  await tm.locator('#to_meeting').check();
  await tm.locator('#to_sharing').check();
  await tm.locator('#method').check();
  await tm.getByRole('button', { name: 'Continue' }).click();
  await tm.goto(`${caseUrl}/allocation`);
  await tm.getByLabel('Grace Okafor').check();
  await tm.getByRole('button', { name: 'Allocate' }).click();
  await tm.context().close();
  page = await newPage(browser);
  await signIn(page, 'coordinator');
});
after(async () => { await browser?.close(); });

// Opens the case and follows the link to a stage's page.
async function open(link) {
  await page.goto(caseUrl);
  await page.getByRole('link', { name: link, exact: true }).first().click();
}

// The text of the PDF a link on the page leads to, fetched as the signed-in person.
async function pdfBehind(name) {
  const href = await page.getByRole('link', { name }).first().getAttribute('href');
  const res = await page.request.get(new URL(href, BASE).href);
  assert.equal(res.status(), 200, `${name}: ${href}`);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: await res.body(), encoding: 'utf8' });
}

async function saved(button, flash) {
  await page.getByRole('button', { name: button }).click();
  await assert.doesNotReject(page.getByText(flash).first().waitFor({ timeout: 5000 }), `${flash}: ${(await errorSummary(page)).join(' | ')}`);
}

async function refused(button, shot) {
  await page.getByRole('button', { name: button }).click();
  const errors = await errorSummary(page);
  assert.ok(errors.length > 0, `${shot}: an error summary`);
  assert.match(await page.title(), /^Error: /);
  await check(page, shot);
  return errors;
}

test('first contact', async () => {
  await open('First contact with the family');
  await check(page, '40-first-contact');
  await page.getByLabel('Notes (optional)').fill('Explained the meeting.');
  await refused('Save first contact', '41-first-contact-errors');
  assert.equal(await page.getByLabel('Notes (optional)').inputValue(), 'Explained the meeting.');
  await page.getByLabel('Who did you contact?').fill('Lena Parent (mother)');
  await page.locator('#method').check();
  await saved('Save first contact', 'First contact recorded');
});

test('preparation and the child\'s voice', async () => {
  await open('Prepare the family and the child');
  await check(page, '42-preparation');
  await page.locator('#child_wants_to_attend').check();
  await page.getByLabel("The child's own words, as they said them (optional)").fill('I want Nan to be there.\nAnd my dog.');
  await saved('Save preparation', 'Preparation saved');
  await page.goto(`${caseUrl}/preparation`);
  assert.equal(await page.getByLabel("The child's own words, as they said them (optional)").inputValue(), 'I want Nan to be there.\nAnd my dog.', 'the form opens with what is recorded');
});

test('arranging and recording the family meeting', async () => {
  await open('Family meeting');
  await check(page, '43-arrange-meeting');
  await page.getByLabel('Where is the meeting?').fill("St Anne's Church Hall");
  await page.locator('#scheduled_at-day').fill('40');
  await refused('Arrange the meeting', '44-arrange-meeting-errors');
  assert.equal(await page.getByLabel('Where is the meeting?').inputValue(), "St Anne's Church Hall");
  await fillDate(page, 'scheduled_at', day(2), '10:00');
  await saved('Arrange the meeting', 'Family meeting arranged');

  await open('Family meeting');
  await check(page, '45-record-meeting');
  await page.getByLabel('What was shared in the information-sharing part?').fill('The worries and the bottom lines.');
  await refused('Save the meeting', '46-record-meeting-errors');
  assert.equal(await page.getByLabel('What was shared in the information-sharing part?').inputValue(), 'The worries and the bottom lines.');
  await page.locator('#attendance-0-person_id').selectOption({ label: 'Lena Parent (Parent)' });
  await page.locator('#attendance-0-attended').check();
  await page.getByLabel('How did the private family time go?').fill('They talked for an hour.');
  await page.locator('#agreeing_the_plan').fill('Nan read the plan back and everyone agreed.');
  await page.locator('#outcome').check();
  await saved('Save the meeting', 'Family meeting recorded');
});

test('the family plan, checked before it is recorded', async () => {
  await open('Family plan');
  await check(page, '47-plan');
  await page.locator('#items-0-concern').fill('Getting to school');
  await refused('Continue', '48-plan-errors');
  assert.equal(await page.locator('#items-0-concern').inputValue(), 'Getting to school');
  await page.locator('#items-0-action').fill('Nan walks her to school');
  await page.locator('#items-0-who').fill('Nan');
  await fillDate(page, 'items-0-by_when', ahead(30));
  await page.getByLabel('How will the plan be monitored?').fill('Fortnightly calls');
  await page.getByLabel('Who will monitor the plan?').fill('The social worker');
  await page.getByLabel('What will happen if the plan does not work?').fill('The social worker is told the same day');
  await page.getByRole('button', { name: 'Continue' }).click();
  await assert.doesNotReject(page.getByRole('button', { name: 'Record the plan' }).waitFor());
  await assert.doesNotReject(page.getByText('Nan walks her to school').first().waitFor());
  await check(page, '49-plan-check');
  await saved('Record the plan', 'Family plan recorded');
});

test('the referrer agrees the plan and a manager validates it', async () => {
  const r = await newPage(browser);
  await signIn(r, 'referrer');
  await r.goto(`${caseUrl}/plan/referrer-decision`);
  await check(r, '50a-referrer-decision');
  await r.getByRole('button', { name: 'Save decision' }).click();
  assert.ok((await errorSummary(r)).length > 0);
  await r.locator('#decision').check();
  await r.getByRole('button', { name: 'Save decision' }).click();
  await assert.doesNotReject(r.getByText("The referrer's decision is recorded").waitFor({ timeout: 5000 }), (await errorSummary(r)).join(' | '));
  await r.context().close();
  const m = await newPage(browser);
  await signIn(m, 'team_manager');
  await m.goto(`${caseUrl}/plan/validation`);
  await check(m, '50b-validate-plan');
  await m.getByRole('button', { name: 'Validate the plan' }).click();
  await assert.doesNotReject(m.getByText('Plan validated').waitFor({ timeout: 5000 }), (await errorSummary(m)).join(' | '));
  await m.context().close();
});

test('sending the plan', async () => {
  await open('Send out the plan');
  await check(page, '50-distribution');
  // Who should have it comes from the case; the plan to print is a link away.
  const table = page.locator('table', { has: page.getByText('Who should have the plan') });
  for (const who of ['Lena Parent', 'Sam Patel']) await assert.doesNotReject(table.getByText(who).first().waitFor(), who);
  const plan = await pdfBehind('download the plan (PDF)');
  assert.ok(plan.includes('Our family plan') && plan.includes('Lifecycle Child'), plan);
  await refused('Save', '51-distribution-errors');
  await page.locator('#recipients-0-person_id').selectOption({ label: 'Lena Parent (Parent)' });
  await page.locator('#recipients-0-method').check();
  await saved('Save', 'Sending recorded');
  await open('Send out the plan');
  await page.goto(`${caseUrl}/distributions/complete`);
  await check(page, '52-distribution-complete');
  await saved('Confirm everyone has been sent the plan', 'The plan has been sent to everyone');
});

test('the review', async () => {
  await open('Review meeting');
  await check(page, '53-arrange-review');
  await page.getByLabel('Where is the review?').fill('Online');
  await refused('Arrange the review', '54-arrange-review-errors');
  await fillDate(page, 'scheduled_at', day(1), '10:00');
  await saved('Arrange the review', 'Review meeting arranged');
  await open('Review meeting');
  await check(page, '55-record-review');
  await page.getByLabel('What was shared at the review?').fill('School attendance is 98%.');
  await refused('Save the review', '56-record-review-errors');
  assert.equal(await page.getByLabel('What was shared at the review?').inputValue(), 'School attendance is 98%.');
  await page.getByLabel('How was the revised plan agreed?').fill('Everyone agreed to carry on.');
  await page.locator('#item_statuses-0-status').check();
  await saved('Save the review', 'Review recorded');
});

test('closure, checked first, then an evaluation', async () => {
  await open('Close the case');
  await check(page, '57-close');
  await page.getByLabel('Closure summary').fill('The plan is working.');
  await refused('Continue', '58-close-errors');
  assert.equal(await page.getByLabel('Closure summary').inputValue(), 'The plan is working.');
  await page.locator('#reason').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await assert.doesNotReject(page.getByRole('button', { name: 'Close the case' }).waitFor());
  await check(page, '59-close-check');
  // Changing the answers goes back to the form as it was typed; nothing is closed yet.
  await page.getByRole('button', { name: 'Change the answers' }).click();
  assert.equal(await page.getByLabel('Closure summary').inputValue(), 'The plan is working.');
  assert.equal(await page.locator('#reason').isChecked(), true);
  await page.getByLabel('Closure summary').fill('The plan is working and the family will keep reviewing it.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await saved('Close the case', 'Case closed');
  await check(page, '60-case-closed');
  // The closure letters, in words for each person, with the reason and the summary.
  let letter = await pdfBehind('Letter to Lena Parent');
  assert.ok(letter.includes('Dear Lena Parent,') && letter.includes('Our work with your family has finished'), letter);
  assert.ok(letter.replace(/\s+/g, ' ').includes('the family will keep reviewing it'), 'the summary');
  letter = await pdfBehind('Letter to Sam Patel');
  assert.ok(letter.includes('Dear Sam Patel,') && letter.includes('Family group conference closed'), letter);
  letter = await pdfBehind('Letter to Lifecycle Child');
  assert.ok(letter.includes('Hello Lifecycle Child,') && letter.includes('Childline'), letter);
  await page.goto(`${caseUrl}/evaluations`);
  await check(page, '61-evaluation');
  const childForm = await pdfBehind('the child’s form');
  assert.ok(childForm.includes('What did you think of your family meeting?') && childForm.includes('Lifecycle Child'), childForm);
  assert.ok((await pdfBehind('the family members’ form')).includes('Did you feel listened to at the family meeting?'));
  await refused('Save evaluation', '62-evaluation-errors');
  await page.locator('#respondent_kind').check();
  await page.locator('#listened_to').check();
  await page.locator('#plan_is_ours').check();
  await page.locator('#would_recommend').check();
  await page.locator('#person_id').selectOption({ index: 1 });
  // A child's question ticked by mistake can be taken back.
  await page.locator('#felt_safe').check();
  await page.locator('#felt_safe-none').check();
  await saved('Save evaluation', 'Evaluation recorded');
  await page.goto(`${caseUrl}/timeline`);
  for (const what of ['First contact', 'Family meeting', 'closed'])
    await assert.doesNotReject(page.getByText(what).first().waitFor(), what);
});
