// network.test.mjs — the family network clicked through as the service
// manager: three generations of people added from the network page (one
// form first sent with a mistake), their relationships and a household,
// the genogram and the table that says the same in words, then the
// invitations: inviting, excluding the father (a stale list that still
// invites him is refused, naming him), a conversation and an answer, and
// lifting the exclusion. Every page reached is checked by axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, PEOPLE, launch, newPage, check, signIn, fillDate, errorSummary } from './lib.mjs';

let browser, page, caseUrl, cousinCase;
const n = Date.now() % 100000;
const child = `Maja Kowal ${n}`;
const day = (k) => new Date(Date.now() - k * 86400000).toISOString().slice(0, 10);
const stamp = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

// A screened case (waiting for consent), booked through the JSON API.
before(async () => {
  browser = await launch();
  const signedIn = await fetch(`${BASE}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: PEOPLE.service_manager, password: PASSWORD }),
  });
  assert.equal(signedIn.status, 201);
  const { csrf_token: csrf } = await signedIn.json();
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
  const call = async (path, body) => {
    const res = await fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    assert.ok(res.status < 300, `${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const book = async (name) => {
    const c = await call('/api/cases', {
      child_name: name, child_dob: '2015-04-01', referrer_name: 'Sam Patel', referrer_role: 'Social worker',
      referrer_organisation: "Children's Social Care", referrer_email: PEOPLE.referrer,
      consultation_at: stamp(new Date(Date.now() - 5 * 86400000)), reason_category: 'school_attendance',
      family_details: 'Lives with her mother; her grandmother is close by.', benefit: 'The wider family can help.',
      strengths: 'A close grandmother.', referral_reason: 'Missed school.', questions: 'How will she get to school?',
      bottom_lines: 'She must go to school.', risks: 'Her parents argue when they meet.',
    });
    await call(`/api/cases/${c.id}/screening`, Object.fromEntries(['isolated_asylum_seeking_child', 'consent_to_share_refused',
      'prefers_another_route', 'violence_unmanageable', 'intergenerational_sexual_abuse', 'section_47_enquiry',
      'violence_at_meeting', 'carer_decision_making_impaired'].map((k) => [k, false])));
    return c;
  };
  // Her cousin's case already has their grandmother Irena on it.
  cousinCase = await book(`Zuzia Nowak ${n}`);
  await call(`/api/cases/${cousinCase.id}/people`, { name: 'Irena Nowak', gender: 'female', approx_age: 68, role: 'relative', parental_responsibility: false });
  const c = await book(child);
  caseUrl = `${BASE}/cases/${c.id}`;
  page = await newPage(browser);
  await signIn(page, 'service_manager');
});
after(async () => { await browser?.close(); });

async function saved(button, flash) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await assert.doesNotReject(page.getByText(flash).first().waitFor({ timeout: 5000 }), `${flash}: ${(await errorSummary(page)).join(' | ')}`);
}

// Adds someone new from the network page and comes back to it.
async function addPerson(p) {
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByLabel('Full name').fill(p.name);
  if (p.known_as) await page.getByLabel('Known as (optional)').fill(p.known_as);
  if (p.dob) await fillDate(page, 'dob', p.dob);
  if (p.age) await page.getByLabel('Approximate age (optional)').fill(String(p.age));
  await page.locator(`#gender${p.gender === 'female' ? '' : `-${p.gender}`}`).check();
  if (p.died) {
    await page.locator('#deceased').check();
    await page.getByLabel('If they have died, in what year? (optional)').fill(String(p.died));
  }
  await page.locator(`#role-${p.role}`).check();
  await page.getByLabel('Relationship to the child (optional)').fill(p.relationship);
  await page.locator(p.pr ? '#parental_responsibility' : '#parental_responsibility-2').check();
  await saved('Add the person', 'Person added');
  assert.match(page.url(), /\/network\?done=add_person$/, 'back on the network page');
}

async function relate(a, kind, b, years = {}) {
  await page.getByRole('button', { name: 'Add a relationship' }).click();
  await page.locator('#a').selectOption({ label: a });
  await page.locator('#kind').selectOption({ label: kind });
  await page.locator('#b').selectOption({ label: b });
  if (years.from) await page.getByLabel('Year they got together (optional)').fill(String(years.from));
  if (years.to) await page.getByLabel('Year they separated (optional)').fill(String(years.to));
  await saved('Save the relationship', 'Relationship recorded');
}

const everyone = ['Ewa Kowal', 'Piotr Kowal', 'Irena Nowak', 'Jan Nowak', 'Kasia Nowak', 'Beata Lis'];

test('three generations are added from the family network page', async () => {
  await page.goto(caseUrl);
  await page.getByRole('link', { name: 'Family network and genogram' }).click();
  await assert.doesNotReject(page.getByRole('heading', { name: 'Family network', level: 1 }).waitFor());
  await check(page, '80-network-start');

  await page.getByRole('button', { name: 'Add a person' }).click();
  await check(page, '81-add-person');
  // Someone already recorded is searched for first.
  await page.getByLabel('Their name, or part of it').fill(`Nobody ${n} here`);
  await page.getByRole('button', { name: 'Search' }).click();
  await assert.doesNotReject(page.getByText('No one found').waitFor());
  await page.getByLabel('Their name, or part of it').fill(child);
  await page.getByRole('button', { name: 'Search' }).click();
  const found = page.locator('.govuk-summary-card', { hasText: child });
  await assert.doesNotReject(found.getByText('On this case').waitFor(), 'the child is found, already on this case');
  assert.equal(await found.getByText(`Add ${child} to this case`).count(), 0, 'someone already on the case is not offered again');
  await check(page, '82-add-person-search');

  // A date of birth that does not exist and no role: said, and what was typed is kept.
  await page.getByLabel('Full name').fill('Ewa Kowal');
  await page.getByLabel('Known as (optional)').fill('Ewa');
  await fillDate(page, 'dob', '1988-02-31');
  await page.getByLabel('Email address (optional)').fill('ewa@example.org');
  await page.getByRole('button', { name: 'Add the person' }).click();
  const errors = await errorSummary(page);
  assert.ok(errors.length >= 2, errors.join(' | '));
  assert.match(await page.title(), /^Error: /);
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Ewa Kowal');
  assert.equal(await page.locator('#dob-day').inputValue(), '31');
  assert.equal(await page.getByLabel('Email address (optional)').inputValue(), 'ewa@example.org');
  await check(page, '83-add-person-errors');
  await page.locator('#dob-day').fill('14');
  await page.locator('#dob-month').fill('3');
  await page.locator('#gender').check();
  await page.locator('#role-parent').check();
  await page.getByLabel('Relationship to the child (optional)').fill('mother');
  await page.locator('#parental_responsibility').check();
  await saved('Add the person', 'Person added');
  assert.match(page.url(), /\/network\?done=add_person$/, 'back on the network page');

  await addPerson({ name: 'Piotr Kowal', gender: 'male', age: 40, role: 'parent', relationship: 'father', pr: true });
  // The grandmother is already recorded on her other grandchild's case: found, not typed again.
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByLabel('Their name, or part of it').fill('irena nowak');
  await page.getByRole('button', { name: 'Search' }).click();
  const irena = page.locator('.govuk-summary-card', { hasText: cousinCase.reference });
  await irena.getByText('Add Irena Nowak to this case').click();
  await irena.getByLabel('Relative', { exact: true }).check();
  await irena.getByLabel('No', { exact: true }).check();
  await irena.getByRole('button', { name: 'Add Irena Nowak' }).click();
  await assert.doesNotReject(page.getByText('Person added').first().waitFor({ timeout: 5000 }), (await errorSummary(page)).join(' | '));
  assert.match(page.url(), /\/network\?done=add_person$/, 'back on the network page');
  await addPerson({ name: 'Jan Nowak', gender: 'male', died: 2019, role: 'relative', relationship: 'grandfather' });
  await addPerson({ name: 'Kasia Nowak', gender: 'female', dob: '1992-07-01', role: 'relative', relationship: 'aunt' });
  await addPerson({ name: 'Beata Lis', gender: 'female', role: 'friend', relationship: 'family friend' });
});

test('relationships, a household, the genogram and the same in words', async () => {
  await page.goto(`${caseUrl}/network`);
  await page.getByRole('button', { name: 'Add a relationship' }).click();
  await check(page, '84-relationship');
  await page.getByRole('button', { name: 'Save the relationship' }).click();
  assert.ok((await errorSummary(page)).length >= 3);
  assert.match(await page.title(), /^Error: /);
  await check(page, '85-relationship-errors');
  await page.goto(`${caseUrl}/network`);

  await relate('Irena Nowak', 'Birth parent', 'Ewa Kowal');
  await relate('Jan Nowak', 'Birth parent', 'Ewa Kowal');
  await relate('Irena Nowak', 'Married partner', 'Jan Nowak', { from: 1980 });
  await relate('Ewa Kowal', 'Birth parent', child);
  await relate('Piotr Kowal', 'Birth parent', child);
  await relate('Ewa Kowal', 'Divorced partner', 'Piotr Kowal', { from: 2010, to: 2018 });
  await relate('Kasia Nowak', 'Aunt or uncle', child);
  await relate('Beata Lis', 'Friend', 'Ewa Kowal');
  await relate('Beata Lis', 'Neighbour', 'Irena Nowak');

  // A relationship recorded by mistake is removed.
  await page.getByRole('button', { name: 'Remove the relationship: Beata Lis is the Neighbour of Irena Nowak' }).click();
  await assert.doesNotReject(page.getByText('Relationship removed').first().waitFor({ timeout: 5000 }));

  await page.getByRole('button', { name: 'Record a household' }).click();
  await check(page, '86-household');
  await page.getByLabel('What is the household called?').fill("Ewa's flat");
  await page.getByLabel('Ewa Kowal', { exact: true }).check();
  await page.getByLabel(child, { exact: true }).check();
  await saved('Save the household', 'Household saved');

  // The genogram is drawn and loads as an image.
  const img = page.locator('.app-genogram__image');
  assert.match(await img.getAttribute('alt'), /Everyone in the network/);
  await page.waitForFunction(() => {
    const i = document.querySelector('.app-genogram__image');
    return i && i.complete && i.naturalWidth > 0;
  }, null, { timeout: 5000 });
  const svg = await page.evaluate(async (src) => (await fetch(src)).text(), await img.getAttribute('src'));
  assert.match(svg, /<svg[^>]*role="img"/);
  for (const name of [child, 'Ewa', 'Piotr Kowal', 'Irena Nowak', 'Jan Nowak', 'Kasia Nowak', 'Beata Lis'])
    assert.ok(svg.includes(name), `the genogram names ${name}`);

  // The table says the same for those who cannot see the picture.
  const table = page.getByRole('table', { name: 'Everyone in the network' });
  for (const name of [child, ...everyone])
    await assert.doesNotReject(table.getByRole('rowheader', { name: new RegExp(`^${name}`) }).waitFor(), name);
  const row = (name) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  assert.match(await row('Ewa Kowal').innerText(), /Birth parent of Maja Kowal/);
  assert.match(await row('Ewa Kowal').innerText(), /Divorced from Piotr Kowal/);
  assert.match(await row('Ewa Kowal').innerText(), /Ewa's flat/);
  assert.match(await row('Jan Nowak').innerText(), /Died in 2019/);
  assert.match(await row('Piotr Kowal').innerText(), /Yes/);
  await check(page, '87-network');

  // Full size, on a page of its own (the picture is drawn, not blocked).
  await page.getByRole('link', { name: 'Open the genogram full size' }).click();
  await page.waitForFunction(() => {
    const i = document.querySelector('.app-genogram__full img');
    return i && i.complete && i.naturalWidth > 400;
  }, null, { timeout: 5000 });
  await check(page, '87a-genogram-full');
  await page.getByRole('link', { name: 'Back to the family network' }).click();

  // One person's page: their details, changed.
  await table.getByRole('link', { name: 'Kasia Nowak' }).click();
  await check(page, '88-person');
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Kasia Nowak', 'the form opens with what is recorded');
  assert.equal(await page.locator('#dob-year').inputValue(), '1992');
  await page.getByLabel('Phone number (optional)').fill('07700 900456');
  await page.getByLabel('Accessibility needs (optional)').fill('Step-free access');
  await saved('Save the details', 'Details saved');
  await page.goto(`${caseUrl}/network`);
  await table.getByRole('link', { name: 'Kasia Nowak' }).click();
  await assert.doesNotReject(page.getByText('07700 900456').first().waitFor());
});

test('invitations: an exclusion withdraws the invitation and a list that still invites him is refused', async () => {
  await page.goto(`${caseUrl}/network`);
  await page.getByRole('link', { name: 'Invitations', exact: true }).click();
  await check(page, '89-invitations');
  // Someone who has died cannot be ticked, and the page says why.
  const jan = page.getByLabel('Jan Nowak', { exact: true });
  assert.equal(await jan.isDisabled(), true);
  await assert.doesNotReject(page.getByText('Jan Nowak has died, so they cannot be sent an invitation').first().waitFor());
  for (const name of ['Ewa Kowal', 'Piotr Kowal', 'Irena Nowak', 'Kasia Nowak', 'Beata Lis'])
    await page.getByLabel(name, { exact: true }).check();
  await saved('Save the invitation list', 'Invitation list saved');

  // Another tab holds the list as it is now, Piotr still ticked.
  const stale = await newPage(browser);
  await signIn(stale, 'service_manager');
  await stale.goto(`${caseUrl}/invitations`);
  assert.equal(await stale.getByLabel('Piotr Kowal', { exact: true }).isChecked(), true);

  await page.getByRole('link', { name: 'Exclude Piotr Kowal from the meeting' }).click();
  await check(page, '90-exclusion');
  assert.equal(await page.getByLabel('Who is excluded?').inputValue() !== '', true, 'the person is chosen');
  await page.getByRole('button', { name: 'Exclude them' }).click();
  const errors = await errorSummary(page);
  assert.ok(errors.length >= 2, errors.join(' | '));
  assert.match(await page.title(), /^Error: /);
  await check(page, '91-exclusion-errors');
  await page.getByLabel('Victims of their domestic violence would be too intimidated to speak').check();
  await page.getByLabel('Why does this reason apply?').fill('Ewa has told the coordinator she would not speak with him there; police log 4471.');
  await page.getByLabel('Who else took part in the decision? (optional)').fill('Rebecca Hall, team manager');
  await saved('Exclude them', 'Exclusion recorded');
  const piotr = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Piotr Kowal/ }) });
  assert.equal((await piotr.locator('.govuk-tag').innerText()).trim(), 'Excluded');
  assert.equal(await page.getByLabel('Piotr Kowal', { exact: true }).isDisabled(), true);
  await check(page, '92-invitations-excluded');

  await stale.getByRole('button', { name: 'Save the invitation list' }).click();
  const refusal = await errorSummary(stale);
  assert.ok(refusal.some((e) => /^Piotr Kowal is excluded from the family meeting: .*cannot be sent an invitation/.test(e)), refusal.join(' | '));
  assert.match(await stale.title(), /^Error: /);
  await check(stale, '93-invitations-refused');
  await stale.context().close();

  await page.getByRole('link', { name: 'Record a conversation with Ewa Kowal' }).click();
  await check(page, '94-conversation');
  await fillDate(page, 'held_on', day(1));
  await page.getByLabel('Home visit').check();
  await page.getByLabel('What was agreed?').fill('Ewa will come and wants her sister Kasia there.');
  await page.getByLabel('Did they raise any worries? (optional)').fill('That Piotr finds out where the meeting is.');
  await saved('Save the conversation', 'Conversation recorded');

  await page.getByRole('link', { name: 'Record their answer (Ewa Kowal)' }).click();
  await check(page, '95-response');
  await page.getByLabel('Attending').check();
  await saved('Save the answer', 'Answer recorded');
  const ewa = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Ewa Kowal/ }) });
  assert.equal((await ewa.locator('.govuk-tag').innerText()).trim(), 'Attending');
  await assert.doesNotReject(page.getByText('That Piotr finds out where the meeting is.').waitFor());
  await check(page, '96-invitations-answered');

  await page.goto(`${caseUrl}/network`);
  const table = page.getByRole('table', { name: 'Everyone in the network' });
  const inNetwork = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Piotr Kowal/ }) });
  assert.equal((await inNetwork.locator('.govuk-tag').innerText()).trim(), 'Excluded');
  await check(page, '97-network-final');

  // Lifting the exclusion keeps the decision on record.
  await page.goto(`${caseUrl}/invitations`);
  await page.getByRole('link', { name: 'Lift the exclusion of Piotr Kowal' }).click();
  await check(page, '98-exclusion-lift');
  await page.getByLabel('Why is the exclusion lifted?').fill('Ewa now agrees he can come to the second part.');
  await saved('Lift the exclusion', 'Exclusion lifted');
  await assert.doesNotReject(page.getByText('Lifted', { exact: true }).first().waitFor());
  assert.equal(await page.getByLabel('Piotr Kowal', { exact: true }).isDisabled(), false, 'he can be invited again');
  await check(page, '99-invitations-lifted');
});
