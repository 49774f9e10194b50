import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src-main/api/errors';
import { callApi, MAX_ERROR_MESSAGE_CHARS } from '../../../src-main/ipc/call';
import { fakeApi } from '../../support/fake-api';

const huge = 'x'.repeat(2_000_000);

async function assertRefused(method: unknown, payload: unknown) {
  const fake = fakeApi();
  const result = await callApi(fake.api, method, payload);
  assert.equal(result.ok, false, `accepted ${String(method)} ${JSON.stringify(payload)?.slice(0, 80)}`);
  if (!result.ok) {
    assert.equal(result.error.code, 'BadRequest');
    assert.ok(result.error.message.length <= MAX_ERROR_MESSAGE_CHARS + 20, 'error message is bounded');
  }
  assert.deepEqual(fake.calls, [], 'the API was not called');
  return result;
}

describe('berth:call envelope', () => {
  test('a valid call reaches the API and its value comes back', async () => {
    const fake = fakeApi({ listPods: () => [{ name: 'web' }] });
    const result = await callApi(fake.api, 'listPods', { namespace: 'default' });
    assert.deepEqual(result, { ok: true, value: [{ name: 'web' }] });
    assert.deepEqual(fake.calls, [{ method: 'listPods', input: { namespace: 'default' } }]);
  });

  test('unknown methods are refused, including inherited and prototype names', async () => {
    for (const method of ['nope', 'subscribe', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, {}, ['listPods']]) {
      await assertRefused(method, {});
    }
  });

  test('payloads of the wrong type are refused', async () => {
    await assertRefused('listPods', null);
    await assertRefused('listPods', 'default');
    await assertRefused('listPods', []);
    await assertRefused('listPods', { namespace: 7 });
    await assertRefused('getPod', { namespace: 'default' });
    await assertRefused('getPod', { namespace: 'default', name: '' });
    await assertRefused('deletePod', { namespace: 'default', name: 'web', gracePeriodSeconds: -1 });
    await assertRefused('deletePod', { namespace: 'default', name: 'web', gracePeriodSeconds: 1.5 });
    await assertRefused('listEvents', { limit: '10' });
    await assertRefused('listEvents', { type: 'Error' });
    await assertRefused('validate', { fileName: 'a.yaml' });
  });

  test('extra fields are refused', async () => {
    await assertRefused('engineStatus', { verbose: true });
    await assertRefused('getPod', { namespace: 'default', name: 'web', uid: 'x' });
  });

  test('prototype-pollution keys are refused and pollute nothing', async () => {
    const payloads = [
      JSON.parse('{"__proto__": {"polluted": true}}'),
      JSON.parse('{"namespace": "default", "__proto__": {"polluted": true}}'),
      structuredClone(JSON.parse('{"__proto__": {"polluted": true}}')),
      { constructor: { prototype: { polluted: true } } },
      JSON.parse('{"limit": 5, "__proto__": {"limit": 1}}'),
    ];
    for (const payload of payloads) {
      await assertRefused('listPods', payload);
      await assertRefused('listEvents', payload);
    }
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });

  test('huge strings are refused, and the error does not echo them back', async () => {
    await assertRefused('getPod', { namespace: 'default', name: huge });
    await assertRefused('getPod', { namespace: huge, name: 'web' });
    await assertRefused('listEvents', { reason: huge });
    await assertRefused(huge, {});
    await assertRefused('listPods', { [huge]: 1 });
  });

  test('YAML text over the contract limit is refused', async () => {
    await assertRefused('validate', { fileName: 'big.yaml', text: 'a'.repeat(64 * 1024 * 1024 + 1) });
  });

  test("the API's own errors come back as data, with code and diagnostics", async () => {
    const diagnostic = { severity: 'error' as const, file: 'a.yaml', line: 3, column: 5, path: 'spec', message: 'bad' };
    const fake = fakeApi({
      apply: () => {
        throw new ApiError('Invalid', 'a.yaml is invalid', [diagnostic]);
      },
      getPod: () => {
        throw new Error('disk on fire');
      },
    });
    assert.deepEqual(await callApi(fake.api, 'apply', { fileName: 'a.yaml', text: 'x' }), {
      ok: false,
      error: { code: 'Invalid', message: 'a.yaml is invalid', diagnostics: [diagnostic] },
    });
    assert.deepEqual(await callApi(fake.api, 'getPod', { namespace: 'default', name: 'web' }), {
      ok: false,
      error: { code: 'Internal', message: 'disk on fire' },
    });
  });

  test('every envelope survives structured cloning (what IPC does to it)', async () => {
    const fake = fakeApi();
    for (const result of [await callApi(fake.api, 'engineStatus', {}), await callApi(fake.api, 'nope', {})]) {
      assert.deepEqual(structuredClone(result), result);
    }
  });
});
