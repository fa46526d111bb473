// Uses `buf curl` (gRPC protocol, HTTP/2 prior knowledge) against the C# server with no proto files at hand:
// everything it knows comes from server reflection. Asserts every result.
// Usage: node tests/interop/reflection.js --port N   (run by Cchc.Grpc.Tests' InteropTests)
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');

const { values } = parseArgs({ options: { port: { type: 'string' } } });
assert.ok(values.port, 'usage: node reflection.js --port N');
const base = `http://127.0.0.1:${values.port}`;
const buf = path.join(__dirname, 'node_modules', '.bin', 'buf');

function curl(...args) {
  const result = spawnSync(buf, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args], {
    encoding: 'utf8',
    timeout: 30000,
  });
  assert.equal(result.error, undefined, `buf did not run: ${result.error}`);
  return result;
}

function ok(...args) {
  const result = curl(...args);
  assert.equal(result.status, 0, `buf curl ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

const checks = [];
function check(name, fn) { checks.push({ name, fn }); }

for (const reflectProtocol of ['grpc-v1', 'grpc-v1alpha']) {
  check(`--list-services by ${reflectProtocol} reflection`, () => {
    const services = ok('--reflect-protocol', reflectProtocol, '--list-services', base).trim().split('\n').sort();
    assert.deepEqual(services, [
      'cchc.testing.v1.EchoService',
      'grpc.health.v1.Health',
      'grpc.reflection.v1.ServerReflection',
      'grpc.reflection.v1alpha.ServerReflection',
    ]);
  });

  check(`Echo called by ${reflectProtocol} reflection, Vietnamese text intact`, () => {
    const out = ok('--reflect-protocol', reflectProtocol, '-d', '{"message":"Xin chào Hà Nội"}', `${base}/cchc.testing.v1.EchoService/Echo`);
    assert.deepEqual(JSON.parse(out), { message: 'Xin chào Hà Nội', count: 1 });
  });
}

check('--list-methods lists the echo service methods', () => {
  const methods = ok('--list-methods', base).trim().split('\n').filter((m) => m.startsWith('cchc.')).sort();
  assert.deepEqual(methods, [
    'cchc.testing.v1.EchoService/Bidi',
    'cchc.testing.v1.EchoService/ClientStream',
    'cchc.testing.v1.EchoService/Echo',
    'cchc.testing.v1.EchoService/EchoMetadata',
    'cchc.testing.v1.EchoService/Fail',
    'cchc.testing.v1.EchoService/ServerStream',
    'cchc.testing.v1.EchoService/Slow',
  ]);
});

check('server stream by reflection', () => {
  const out = ok('-d', '{"message":"xã","count":3}', `${base}/cchc.testing.v1.EchoService/ServerStream`);
  const messages = out.trim().split(/\n(?=\{)/).map((m) => JSON.parse(m).message);
  assert.deepEqual(messages, ['xã 1', 'xã 2', 'xã 3']);
});

check('health Check by reflection is SERVING', () => {
  assert.deepEqual(JSON.parse(ok('-d', '{}', `${base}/grpc.health.v1.Health/Check`)), { status: 'SERVING' });
});

check('a failed call reports not_found with the Vietnamese message', () => {
  const result = curl('-d', '{"code":5,"message":"Không tìm thấy xã 99999"}', `${base}/cchc.testing.v1.EchoService/Fail`);
  assert.notEqual(result.status, 0);
  const error = JSON.parse(result.stderr);
  assert.equal(error.code, 'not_found');
  assert.equal(error.message, 'Không tìm thấy xã 99999');
});

let failed = 0;
for (const { name, fn } of checks) {
  try {
    fn();
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
  }
}
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
