// Property: whatever JSON (or non-JSON) arrives at the public identity endpoints, the answer is never a 5xx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { account, PASSWORD, seedFederation } from './fixtures.ts';

let platform: TestPlatform;
let email: string;
let tokens: string[] = [];

before(async () => {
  platform = await startTestPlatform();
  const fed = await seedFederation(platform.database);
  email = (await account(platform)).email;
  const admin = await account(platform, [{ role: 'platform_admin', organisationId: null }]);
  const h = await platform.signIn(admin.email, PASSWORD);
  for (let i = 0; i < 3; i++) {
    const res = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: h,
      payload: { email: `fuzz-${i}@example.org`, role: 'coop_admin', organisationId: fed.coopNorth },
    });
    const url = (res.json() as { acceptUrl: string }).acceptUrl;
    tokens.push(url.slice(url.lastIndexOf('/') + 1));
  }
});
after(async () => {
  await platform.close();
});

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b@example.org', '\ud800', 'x'.repeat(5000), "' OR 1=1 --", '%', '__proto__'),
);
const value = fc.oneof(weirdString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object());
let ipCounter = 0;
const nextIp = () => `172.16.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

async function neverServerError(url: string, body: fc.Arbitrary<unknown>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(body, async (payload) => {
      const res = await platform.app.inject({
        method: 'POST',
        url,
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
        remoteAddress: nextIp(),
      });
      assert.ok(res.statusCode < 500, `${res.statusCode} for ${JSON.stringify(payload)?.slice(0, 200)}: ${res.body}`);
      assert.ok(res.statusCode >= 200);
      if (res.statusCode >= 400) assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }),
    { numRuns: 150 },
  );
}

test('sign-in never answers 5xx to arbitrary bodies', async () => {
  const shaped = fc.record(
    { email: fc.oneof(value, fc.emailAddress(), fc.constant(email)), password: fc.oneof(value, fc.constant(PASSWORD)), extra: value },
    { requiredKeys: [] },
  );
  await neverServerError('/api/v1/auth/sign-in', fc.oneof(shaped, fc.jsonValue(), fc.string()));
});

test('invitation acceptance never answers 5xx to arbitrary bodies', async () => {
  const shaped = fc.record(
    { token: fc.oneof(value, fc.constantFrom(...tokens)), password: fc.oneof(value, fc.string({ minLength: 10 })), displayName: value, role: value },
    { requiredKeys: [] },
  );
  await neverServerError('/api/v1/auth/invitations/accept', fc.oneof(shaped, fc.jsonValue(), fc.string()));
});

test('invitation acceptance with real tokens and odd names or passwords never answers 5xx', async () => {
  const statuses = new Set<number>();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...tokens), fc.oneof(weirdString, fc.string({ minLength: 10, unit: 'binary' })), weirdString, async (token, password, displayName) => {
      const res = await platform.app.inject({
        method: 'POST',
        url: '/api/v1/auth/invitations/accept',
        payload: { token, password, displayName },
        remoteAddress: nextIp(),
      });
      statuses.add(res.statusCode);
      assert.ok(res.statusCode < 500, `${res.statusCode} for ${JSON.stringify({ password, displayName }).slice(0, 200)}: ${res.body}`);
    }),
    { numRuns: 60 },
  );
  assert.ok(statuses.has(200) || statuses.has(410), `some acceptance went through: ${[...statuses].join(', ')}`);
});
