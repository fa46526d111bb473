// Uses `buf curl` (gRPC protocol, HTTP/2 prior knowledge) against the real cchc-server with no proto files at hand:
// everything it knows comes from server reflection (v1 and v1alpha). Health and reflection need no token; cchc.v1
// calls carry a bearer JWT this script signs itself (HS256, node:crypto) with the server's key. Asserts every result.
// Usage: node tests/interop/reflection.js --port N --key BASE64   (run by Cchc.Server.Tests' InteropTests, against a
// server that has imported province 98 with district 981 and communes 98001-98003 for 2020-2024)
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');

const { values } = parseArgs({ options: { port: { type: 'string' }, key: { type: 'string' } } });
assert.ok(values.port && values.key, 'usage: node reflection.js --port N --key BASE64');
const base = `http://127.0.0.1:${values.port}`;
const buf = path.join(__dirname, 'node_modules', '.bin', 'buf');

function sign(claims) {
  const now = Math.floor(Date.now() / 1000);
  const part = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'cchc', aud: 'cchc-api', iat: now, nbf: now, exp: now + 600, ...claims })}`;
  const signature = crypto.createHmac('sha256', Buffer.from(values.key, 'base64')).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

const VIEWER = sign({ sub: 'xem-98', cchc_role: 'viewer', cchc_province: '98' });

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

function failure(...args) {
  const result = curl(...args);
  assert.notEqual(result.status, 0, `buf curl ${args.join(' ')} succeeded: ${result.stdout}`);
  return JSON.parse(result.stderr);
}

const checks = [];
function check(name, fn) { checks.push({ name, fn }); }

for (const reflectProtocol of ['grpc-v1', 'grpc-v1alpha']) {
  check(`--list-services by ${reflectProtocol} reflection`, () => {
    const services = ok('--reflect-protocol', reflectProtocol, '--list-services', base).trim().split('\n').sort();
    assert.deepEqual(services, [
      'cchc.v1.AnalysisService',
      'cchc.v1.AuditService',
      'cchc.v1.DeadlineService',
      'cchc.v1.ExportService',
      'cchc.v1.FrameworkService',
      'cchc.v1.ProgressService',
      'cchc.v1.RankingService',
      'cchc.v1.RegistryService',
      'cchc.v1.ScoringService',
      'grpc.health.v1.Health',
      'grpc.reflection.v1.ServerReflection',
      'grpc.reflection.v1alpha.ServerReflection',
    ]);
  });
}

check('--list-methods lists the 22 cchc.v1 methods', () => {
  const methods = ok('--list-methods', base).trim().split('\n').filter((m) => m.startsWith('cchc.')).sort();
  assert.deepEqual(methods, [
    'cchc.v1.AnalysisService/GetHistory',
    'cchc.v1.AnalysisService/GetReliability',
    'cchc.v1.AuditService/VerifyAudit',
    'cchc.v1.DeadlineService/ExtendDeadline',
    'cchc.v1.DeadlineService/GetDeadlines',
    'cchc.v1.DeadlineService/SetDeadlines',
    'cchc.v1.ExportService/ExportTable',
    'cchc.v1.FrameworkService/GetFramework',
    'cchc.v1.FrameworkService/PutFramework',
    'cchc.v1.ProgressService/GetProgress',
    'cchc.v1.RankingService/ComparePeriods',
    'cchc.v1.RankingService/CompareYears',
    'cchc.v1.RankingService/GetRanking',
    'cchc.v1.RankingService/GetUnitRank',
    'cchc.v1.RankingService/WatchRanking',
    'cchc.v1.RegistryService/ImportUnits',
    'cchc.v1.RegistryService/ListUnits',
    'cchc.v1.RegistryService/StreamImportUnits',
    'cchc.v1.ScoringService/GetLostPoints',
    'cchc.v1.ScoringService/GetScorecard',
    'cchc.v1.ScoringService/PublishPeriod',
    'cchc.v1.ScoringService/SubmitScores',
  ]);
});

check('health Check by reflection is SERVING, for the server and for a service, without a token', () => {
  assert.deepEqual(JSON.parse(ok('-d', '{}', `${base}/grpc.health.v1.Health/Check`)), { status: 'SERVING' });
  assert.deepEqual(JSON.parse(ok('-d', '{"service":"cchc.v1.ScoringService"}', `${base}/grpc.health.v1.Health/Check`)), { status: 'SERVING' });
});

check('ListUnits by reflection with a token: the district\'s communes, Vietnamese names intact', () => {
  const out = JSON.parse(ok('-H', `authorization: Bearer ${VIEWER}`, '-d', '{"parentCode":"981","year":2024}', `${base}/cchc.v1.RegistryService/ListUnits`));
  assert.deepEqual(out.units.map((u) => [u.code, u.name]), [['98001', 'Xã Ấp 0'], ['98002', 'Xã Ấp 1'], ['98003', 'Xã Ấp 2']]);
  assert.equal(out.totalCount, 3);
});

check('GetFramework by reflection with a token', () => {
  const out = JSON.parse(ok('-H', `authorization: Bearer ${VIEWER}`, '-d', '{"provinceCode":"98","year":2024}', `${base}/cchc.v1.FrameworkService/GetFramework`));
  assert.equal(out.framework.fields[0].name, 'Công tác chỉ đạo, điều hành');
  assert.deepEqual(out.periodKinds, ['PERIOD_KIND_YEAR']);
});

check('no token is unauthenticated, saying what to send', () => {
  const error = failure('-d', '{"year":2024}', `${base}/cchc.v1.RegistryService/ListUnits`);
  assert.equal(error.code, 'unauthenticated');
  assert.match(error.message, /No bearer token/);
});

check('a bad argument is invalid_argument naming the field', () => {
  const error = failure('-H', `authorization: Bearer ${VIEWER}`, '-d', '{"year":1}', `${base}/cchc.v1.RegistryService/ListUnits`);
  assert.equal(error.code, 'invalid_argument');
  assert.match(error.message, /^year 1 is out of range/);
});

check('an unknown commune is not_found, with the code in the message', () => {
  const error = failure('-H', `authorization: Bearer ${VIEWER}`, '-d', '{"communeCode":"98999","period":{"year":2024,"kind":"PERIOD_KIND_YEAR"}}',
    `${base}/cchc.v1.ScoringService/GetScorecard`);
  assert.equal(error.code, 'not_found');
  assert.match(error.message, /98999/);
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
