// sessions.test.mjs — a referrer books a slot of the weekly consultation
// session: the booking form opens with the slot's date and time, and the
// session's page then shows the case in that slot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, check, signIn, errorSummary } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a referrer books a free slot from the consultation session page', async () => {
  const page = await newPage(browser);
  await signIn(page, 'referrer');
  await page.getByRole('link', { name: 'Consultation sessions' }).click();
  await check(page, '20-consultation-sessions');
  let book = page.getByRole('link', { name: /^Book the slot at/ });
  for (let i = 0; i < 4 && await book.count() === 0; i++) {
    await page.getByRole('link', { name: /Next week/ }).click();
    book = page.getByRole('link', { name: /^Book the slot at/ });
  }
  const when = (await book.first().innerText()).replace(/^Book\s*the slot at\s*/, '').trim();
  await book.first().click();
  await check(page, '21-book-slot');
  const time = await page.locator('#consultation_at-time').inputValue();
  assert.match(when, new RegExp(`${time}$`), 'the slot time is filled in');
  await page.getByLabel("Child's full name").fill('Slot Child');
  await page.getByLabel('Your name').fill('Sam Patel');
  await page.getByLabel('Your role').fill('Social worker');
  await page.getByLabel('Your organisation').fill("Children's Social Care");
  await page.locator('#reason_category').check();
  for (const label of ['Why are you referring the family?', 'Who is in the family?', 'How will the family benefit from a meeting?',
    "What are the family's strengths?", "What questions should the family's plan answer?", 'What are the bottom lines?', 'What risks are known?'])
    await page.getByLabel(label).fill('Written for the session test.');
  await page.getByRole('button', { name: 'Book the consultation' }).click();
  await assert.doesNotReject(page.getByText('Consultation booked').waitFor({ timeout: 5000 }), (await errorSummary(page)).join(' | '));
  await page.getByRole('link', { name: 'Consultation sessions' }).click();
  for (let i = 0; i < 4 && await page.getByRole('link', { name: /Slot Child/ }).count() === 0; i++)
    await page.getByRole('link', { name: /Next week/ }).click();
  const row = page.locator('tr', { hasText: 'Slot Child' }).first();
  assert.match(await row.innerText(), new RegExp(when.replace(/[()]/g, '.')));
  await check(page, '22-consultation-session-booked');
  await page.context().close();
});
