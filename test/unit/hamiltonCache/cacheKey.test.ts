import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { zlibSync, deflateSync } from 'fflate';
import { decodeCacheKey, inflateZlib, safeNodeName } from '../../../src/core/hamiltonCache/cacheKey';
import { decodeBase64 } from '../../../src/core/text/base64';

const decodeStandardBase64 = (text: string): Uint8Array | undefined => decodeBase64(text, { requirePadding: true });

function encodeKey(node: string, codeVersion: string, deps: Record<string, string>): string {
  const names = Object.keys(deps).sort();
  const payload = names.length === 0 ? '<none>' : names.flatMap((n) => [n, deps[n]]).join(',');
  return `${safeNodeName(node)}-${codeVersion}-${Buffer.from(zlibSync(new TextEncoder().encode(payload), { level: 3 })).toString('base64')}`;
}

function decoded(key: string): { safeNodeName: string; codeVersion: string; dependencies: Record<string, string> } {
  const r = decodeCacheKey(key);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return { safeNodeName: r.key.safeNodeName, codeVersion: r.key.codeVersion, dependencies: { ...r.key.dependencies } };
}

function reason(key: string): string {
  const r = decodeCacheKey(key);
  assert.ok(!r.ok, 'expected a decoding failure');
  return r.reason;
}

suite('Hamilton cache key', () => {
  test('artifact-formats §7 worked example: two dependencies', () => {
    assert.deepEqual(decoded('cpg_nodes-0123abcd-eF5Ly8xJjc/JzEuNz8xLSa2ILzPUSSmLT0xK1inIScyLL85Mz0ssKS1KBYlWVFYBALipEog='), {
      safeNodeName: 'cpg_nodes',
      codeVersion: '0123abcd',
      dependencies: { file_line_index_v1: 'dv_abc', plan_signature: 'dv_xyz' },
    });
  });

  test('artifact-formats §7 worked example: the empty-dependency encoding is <none>', () => {
    assert.equal(new TextDecoder().decode(inflateZlib(decodeStandardBase64('eF6zycvPS7UDAAeiAis=') as Uint8Array, 100) as Uint8Array), '<none>');
    assert.deepEqual(decoded('load-abc-eF6zycvPS7UDAAeiAis=').dependencies, {});
  });

  test('corpus README example (strict-causal orders_clean): <ignore> and a data version starting with "-"', () => {
    const key =
      'orders_clean-7c433598d4937783df5680f65b858fc115ef01b5258cf7622e15135921781f6e-eF5LLE3JLInPyU/XsclMz8svSrXTKUosj88vSkktKtbRzamwDHfTdU8uqTI3SI5313VKKa4Kyynz9XQKNCvOKQvwMnLJDrS1BQCJmRiB';
    assert.deepEqual(decoded(key), {
      safeNodeName: 'orders_clean',
      codeVersion: '7c433598d4937783df5680f65b858fc115ef01b5258cf7622e15135921781f6e',
      dependencies: { audit_log: '<ignore>', raw_orders: '-lx9WF-Gctz70c_G-BdszVlvMIBQ6slvPJ2DkQ==' },
    });
  });

  test('the prefix is the sanitized node name', () => {
    assert.equal(safeNodeName('customers.load_data.customer_records'), 'customersload_datacustomer_records');
    assert.equal(safeNodeName('raw_orders.loader'), 'raw_ordersloader');
  });

  test('round-trips any dependency map Hamilton can write', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_.]{1,30}$/);
    const version = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}={0,2}$/), fc.uuid().map((u) => `<disable>_${u}`), fc.constant('<ignore>'));
    fc.assert(
      fc.property(name, fc.stringMatching(/^[0-9a-f]{64}$/), fc.dictionary(name, version, { maxKeys: 12 }), (node, code, deps) => {
        const d = decoded(encodeKey(node, code, deps));
        assert.equal(d.safeNodeName, safeNodeName(node));
        assert.equal(d.codeVersion, code);
        assert.deepEqual(d.dependencies, { ...deps });
      }),
      { numRuns: 200 },
    );
  });

  test('a dependency named __proto__ stays data', () => {
    const r = decodeCacheKey(`n-c-${Buffer.from(zlibSync(new TextEncoder().encode('__proto__,dv'))).toString('base64')}`);
    assert.ok(r.ok);
    assert.equal(Object.getPrototypeOf(r.key.dependencies), null);
    assert.equal(r.key.dependencies['__proto__'], 'dv');
  });

  test('malformed keys give reasons, never exceptions', () => {
    assert.match(reason('no_dashes_here'), /fewer than two "-"/);
    assert.match(reason('node-abc'), /fewer than two "-"/);
    assert.match(reason('node-abc-not*base64'), /base64/);
    assert.match(reason(`node-abc-${Buffer.from('plain text, not zlib').toString('base64')}`), /zlib/);
    assert.match(reason(`node-abc-${Buffer.from(deflateSync(new TextEncoder().encode('a,b'))).toString('base64')}`), /zlib/);
    assert.match(reason(`node-abc-${Buffer.from(zlibSync(new TextEncoder().encode('a,b,c'))).toString('base64')}`), /odd number/);
    const good = Buffer.from(zlibSync(new TextEncoder().encode('a,b,c,d')));
    good[good.length - 1] ^= 0xff;
    assert.match(reason(`node-abc-${good.toString('base64')}`), /checksum/);
    const truncated = Buffer.from(zlibSync(new TextEncoder().encode('dep,' + 'x'.repeat(500)))).subarray(0, 12);
    assert.ok(!decodeCacheKey(`node-abc-${truncated.toString('base64')}`).ok);
  });

  test('a zlib bomb is refused at the payload limit', () => {
    const bomb = zlibSync(new Uint8Array(8 * 1024 * 1024), { level: 9 });
    assert.ok(bomb.length < 100_000);
    assert.match(reason(`n-c-${Buffer.from(bomb).toString('base64')}`), /inflates to more than/);
    const noise = new Uint8Array(100_000).map((_, i) => (i * 2654435761) >>> 24);
    assert.match(reason(`n-c-${Buffer.from(zlibSync(noise, { level: 0 })).toString('base64')}`), /over the 65536-byte limit/);
  });

  test('random bytes after the second dash never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        decodeCacheKey(`n-c-${Buffer.from(bytes).toString('base64')}`);
        decodeCacheKey(`n-c-${Buffer.from(bytes).toString('latin1')}`);
      }),
      { numRuns: 500 },
    );
  });

  test('standard base64 agrees with Buffer and rejects the URL-safe alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        assert.deepEqual(decodeStandardBase64(Buffer.from(bytes).toString('base64')), new Uint8Array(bytes));
      }),
    );
    assert.equal(decodeStandardBase64('ab-_'), undefined);
    assert.equal(decodeStandardBase64('abc'), undefined);
    assert.equal(decodeStandardBase64('a=bc'), undefined);
  });
});
