// admin.test.mjs — an administrator's pages: the staff list, adding an
// account (with mistakes first), changing and disabling it, resetting its
// password, and the timescale and sign-in settings, each with wrong input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, check, signIn, errorSummary } from './lib.mjs';

let browser, page;
before(async () => { browser = await launch(); page = await newPage(browser); await signIn(page, 'administrator'); });
after(async () => { await browser?.close(); });

test('an administrator adds an account, changes it, disables it and resets its password', async () => {
  await page.getByRole('link', { name: 'Users' }).click();
  await check(page, '70-users');
  await page.getByRole('button', { name: 'Add a user' }).click();
  await check(page, '71-user-new');
  const email = `new.coordinator.${Date.now()}@example.org`;
  await page.getByLabel('Full name').fill('Nia Evans');
  await page.getByLabel('Work email address').fill('not-an-email');
  await page.getByRole('button', { name: 'Add the user' }).click();
  const errors = await errorSummary(page);
  assert.ok(errors.some((e) => /email/i.test(e)), errors.join(' | '));
  assert.ok(errors.some((e) => /role/i.test(e)), errors.join(' | '));
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Nia Evans');
  await check(page, '72-user-new-errors');
  await page.getByLabel('Work email address').fill(email);
  await page.getByLabel('Coordinator').check();
  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'North team' });
  await page.getByRole('button', { name: 'Add the user' }).click();
  const password = (await page.locator('.govuk-panel__body').innerText()).trim();
  assert.match(password, /^[a-z0-9]{4}(-[a-z0-9]{4}){4}$/);
  await check(page, '73-user-password');

  await page.getByRole('link', { name: 'Go to the account' }).click();
  await check(page, '74-user');
  assert.equal(await page.getByLabel('Coordinator').isChecked(), true);
  await page.getByLabel('Team manager').check();
  await page.locator('#active-2').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await assert.doesNotReject(page.getByText('Account saved').waitFor(), (await errorSummary(page)).join(' | '));
  assert.equal(await page.getByLabel('Team manager').isChecked(), true);
  await assert.doesNotReject(page.getByText('Disabled').first().waitFor());

  await page.getByRole('button', { name: 'Reset password' }).click();
  const again = (await page.locator('.govuk-panel__body').innerText()).trim();
  assert.notEqual(again, password);
});

test('settings: timescales and sign-in settings refuse wrong input and save right input', async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await check(page, '75-settings');
  const field = page.getByLabel('Latest week for the family meeting');
  const before = await field.inputValue();
  assert.equal(before, '6');
  await field.fill('six');
  await page.getByRole('button', { name: 'Save timescales' }).click();
  assert.ok((await errorSummary(page)).length > 0);
  assert.equal(await field.inputValue(), 'six');
  await check(page, '76-settings-errors');
  await field.fill('7');
  await page.getByRole('button', { name: 'Save timescales' }).click();
  await assert.doesNotReject(page.getByText('Timescales saved').waitFor(), (await errorSummary(page)).join(' | '));
  assert.equal(await field.inputValue(), '7');
  await field.fill('6');
  await page.getByRole('button', { name: 'Save timescales' }).click();
  await assert.doesNotReject(page.getByText('Timescales saved').waitFor());

  await page.getByRole('link', { name: 'Venues for family meetings' }).click();
  await check(page, '78-venues');
  await page.getByLabel('Address (optional)').fill('Church Road');
  await page.getByRole('button', { name: 'Add the venue' }).click();
  assert.ok((await errorSummary(page)).some((e) => /name/.test(e)));
  assert.equal(await page.getByLabel('Address (optional)').inputValue(), 'Church Road');
  await page.getByLabel('Name', { exact: true }).fill('Marton Methodist Hall');
  await page.getByRole('button', { name: 'Add the venue' }).click();
  await assert.doesNotReject(page.getByText('Venue added').waitFor(), (await errorSummary(page)).join(' | '));
  await assert.doesNotReject(page.getByRole('link', { name: 'Marton Methodist Hall' }).waitFor());
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Sign-in settings' }).click();
  await check(page, '77-settings-security');
  await page.getByLabel('Minutes before an unused session ends').fill('2');
  await page.getByRole('button', { name: 'Save sign-in settings' }).click();
  const errors = await errorSummary(page);
  assert.ok(errors.some((e) => /between 5 and 480/.test(e)), errors.join(' | '));
  await page.getByLabel('Minutes before an unused session ends').fill('30');
  await page.getByRole('button', { name: 'Save sign-in settings' }).click();
  await assert.doesNotReject(page.getByText('Sign-in settings saved').waitFor(), (await errorSummary(page)).join(' | '));
});
