import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bearerToken, tokenMatches } from '../../../src-main/kube-apiserver/authn';

describe('bearer tokens', () => {
  test('the header is read as Go reads it: scheme case-insensitive, one token', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('bearer abc'), 'abc');
    assert.equal(bearerToken('Basic abc'), undefined);
    assert.equal(bearerToken('Bearer'), undefined);
    assert.equal(bearerToken('Bearer a b'), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });

  test('compared whole, whatever the lengths', () => {
    assert.equal(tokenMatches('abc', 'abc'), true);
    assert.equal(tokenMatches('ab', 'abc'), false);
    assert.equal(tokenMatches('abcd', 'abc'), false);
    assert.equal(tokenMatches('', 'abc'), false);
  });
});
