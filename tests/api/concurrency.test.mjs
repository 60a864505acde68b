// Changes to one case arriving at the same moment are taken one after the
// other (a row lock on PostgreSQL, a write transaction on SQLite), so the
// case never ends up contradicting its own records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, users, createCase, screening, personId } from './lib.mjs';

test('the last two consents arriving together complete consent', async () => {
  const u = await users();
  for (let round = 0; round < 5; round++) {
    const c = await createCase();
    await api('POST', `/api/cases/${c.id}/screening`, screening());
    await api('POST', `/api/cases/${c.id}/people`, { name: 'Mum', role: 'parent', parental_responsibility: true });
    const r = await api('POST', `/api/cases/${c.id}/people`, { name: 'Dad', role: 'parent', parental_responsibility: true });
    const consent = (name) => api('POST', `/api/cases/${c.id}/consents`, {
      person_id: personId(r.json, name), to_meeting: true, to_sharing: true, method: 'verbal',
    });
    const [a, b] = await Promise.all([consent('Mum'), consent('Dad')]);
    assert.equal(a.status, 200, a.text);
    assert.equal(b.status, 200, b.text);
    const after = (await api('GET', `/api/cases/${c.id}`)).json;
    assert.deepEqual(after.consent_summary, { parental_responsibility_holders: 2, consented: 2 });
    assert.equal(after.stage, 'allocation');
  }
});

test('the same step sent twice at once is taken once', async () => {
  const u = await users();
  const c = await createCase();
  await api('POST', `/api/cases/${c.id}/screening`, screening());
  const r = await api('POST', `/api/cases/${c.id}/people`, { name: 'Mum', role: 'parent', parental_responsibility: true });
  await api('POST', `/api/cases/${c.id}/consents`, { person_id: personId(r.json, 'Mum'), to_meeting: true, to_sharing: true, method: 'verbal' });
  await api('POST', `/api/cases/${c.id}/allocation`, { coordinator_id: u.coordinator[0].id });
  const send = () => api('POST', `/api/cases/${c.id}/first-contact`, { contacted: 'Mum', method: 'phone' });
  const results = await Promise.all([send(), send(), send()]);
  assert.deepEqual(results.map((x) => x.status).sort(), [200, 409, 409]);
  const t = (await api('GET', `/api/cases/${c.id}/timeline`)).json.events;
  assert.equal(t.filter((e) => e.action === 'first_contact').length, 1);
});
