// A tiny appraisal season against cchc-server through @grpc/grpc-js, from the .proto files alone; asserts the
// ranks and indices it works out itself. Every call carries a bearer JWT this script signs itself (HS256, node:crypto)
// with the server's key, as an identity provider sharing an HMAC key would: each stage is sent by the role that enters it.
// Usage: node tests/interop/season.js --port N --key BASE64  (run by Cchc.Server.Tests)
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const { values } = parseArgs({ options: { port: { type: 'string' }, key: { type: 'string' } } });
assert.ok(values.port && values.key, 'usage: node season.js --port N --key BASE64');
const target = `127.0.0.1:${values.port}`;

const protos = path.join(__dirname, '../../protos');
const definition = protoLoader.loadSync(
  ['cchc/v1/registry.proto', 'cchc/v1/framework.proto', 'cchc/v1/scoring.proto', 'cchc/v1/ranking.proto'],
  { includeDirs: [protos], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true },
);
const v1 = grpc.loadPackageDefinition(definition).cchc.v1;
const credentials = grpc.credentials.createInsecure();
const registry = new v1.RegistryService(target, credentials);
const frameworks = new v1.FrameworkService(target, credentials);
const scoring = new v1.ScoringService(target, credentials);
const ranking = new v1.RankingService(target, credentials);

const PROVINCE = '97';
const YEAR = 2025;
const period = { year: YEAR, kind: 'PERIOD_KIND_YEAR', number: 0 };

// A compact JWS with the claims cchc-server reads (src/Cchc.Security/README.md), valid for ten minutes.
function sign(claims, key = values.key) {
  const now = Math.floor(Date.now() / 1000);
  const part = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'cchc', aud: 'cchc-api', iat: now, nbf: now, exp: now + 600, ...claims })}`;
  const signature = crypto.createHmac('sha256', Buffer.from(key, 'base64')).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

const ADMIN = sign({ sub: 'so-noi-vu-97', cchc_role: 'province_admin', cchc_province: PROVINCE });
const APPRAISER = sign({ sub: 'hoi-dong-tham-dinh-97', cchc_role: 'appraiser', cchc_province: PROVINCE });
const officer = (commune) => sign({ sub: `ubnd-${commune}`, cchc_role: 'commune_officer', cchc_province: PROVINCE, cchc_commune: commune });

function call(stub, method, request, token = ADMIN) {
  const metadata = new grpc.Metadata();
  if (token) {
    metadata.set('authorization', `Bearer ${token}`);
  }
  return new Promise((resolve) => {
    stub[method](request, metadata, (error, response) => resolve({ error, response }));
  });
}

async function ok(stub, method, request, token) {
  const { error, response } = await call(stub, method, request, token);
  assert.ifError(error);
  return response;
}

const leaf = (code, name, max, method) => ({ code, name, max_points: max, method, children: [] });
const communes = [
  { code: '97001', name: 'Xã An Bình' },
  { code: '97002', name: 'Xã Bình Minh' },
  { code: '97003', name: 'Xã Ân Thi' },
  { code: '97004', name: 'Xã Đông Hòa' },
];

const checks = [];
function check(name, fn) { checks.push({ name, fn }); }

check('imports a two-tier province', async () => {
  const units = [{ code: PROVINCE, name: 'Tỉnh Liên Thông', level: 'UNIT_LEVEL_PROVINCE', type: 'Tỉnh', parent_code: '' }]
    .concat(communes.map((c) => ({ code: c.code, name: c.name, level: 'UNIT_LEVEL_COMMUNE', type: 'Xã', parent_code: PROVINCE })));
  const response = await ok(registry, 'ImportUnits', { province_code: PROVINCE, first_year: YEAR, last_year: 0, units });
  assert.equal(response.commune_count, 4);
  assert.equal(response.district_count, 0);
  const listed = await ok(registry, 'ListUnits', { parent_code: PROVINCE, year: YEAR, page_size: 0, page_token: '' });
  assert.deepEqual(listed.units.map((u) => u.name), communes.map((c) => c.name));
});

check('puts a framework', async () => {
  const framework = {
    title: 'Bộ chỉ số CCHC cấp xã tỉnh Liên Thông năm 2025',
    total_points: '100',
    fields: [
      { code: '1', name: 'Công tác chỉ đạo, điều hành', max_points: '40', children: [
        leaf('1.1', 'Ban hành kế hoạch cải cách hành chính', '20', { manual: {} }),
        leaf('1.2', 'Báo cáo định kỳ đúng hạn', '20', { yes_no: {} }),
      ] },
      { code: '2', name: 'Cải cách thủ tục hành chính', max_points: '60', children: [
        leaf('2.1', 'Tỷ lệ hồ sơ trực tuyến', '30', { ratio: { threshold: '', full_points_when_no_denominator: false } }),
        leaf('2.2', 'Niêm yết công khai thủ tục', '30', { manual: {} }),
      ] },
    ],
    bands: [],
  };
  const response = await ok(frameworks, 'PutFramework', { province_code: PROVINCE, year: YEAR, period_kinds: [], framework });
  assert.equal(response.leaf_count, 4);
  assert.equal(response.total_points, '100');
});

check('self-assesses and appraises', async () => {
  const self = {
    '97001': [['1.1', '20'], ['1.2', true], ['2.1', [30, 30]], ['2.2', '30']],
    '97002': [['1.1', '10'], ['1.2', true], ['2.1', [15, 30]], ['2.2', '25']],
    '97003': [['1.1', '10'], ['1.2', true], ['2.1', [15, 30]], ['2.2', '25']],
    '97004': [['1.1', '5'], ['1.2', false], ['2.1', [0, 10]], ['2.2', '10']],
  };
  const item = ([code, value]) => typeof value === 'string' ? { item_code: code, points: value }
    : typeof value === 'boolean' ? { item_code: code, yes: value }
      : { item_code: code, ratio: { numerator: value[0], denominator: value[1] } };
  for (const [code, items] of Object.entries(self)) {
    const response = await ok(scoring, 'SubmitScores', { commune_code: code, period, stage: 'STAGE_SELF_ASSESSMENT', items: items.map(item) }, officer(code));
    assert.equal(response.accepted_count, 4);
    assert.equal(response.provisional, true);
  }

  const appraised = await ok(scoring, 'SubmitScores', {
    commune_code: '97001', period, stage: 'STAGE_APPRAISAL_ROUND_1',
    items: [{ item_code: '1.1', points: '18', comment: 'Kế hoạch ban hành chậm' }],
  }, APPRAISER);
  assert.equal(appraised.index, '98.00');
});

check('reads the ranking it expects: ties by Vietnamese name, dense ranks, classes', async () => {
  const response = await ok(ranking, 'GetRanking', { scope_code: PROVINCE, period, field_code: '', page_size: 0, page_token: '' });
  const rows = response.entries.map((e) => [e.unit_code, e.index, e.competition_rank, e.dense_rank, e.tied_count, e.class_name]);
  assert.deepEqual(rows, [
    ['97001', '98.00', 1, 1, 1, 'Xuất sắc'],
    ['97003', '70.00', 2, 2, 2, 'Khá'], // Ân Thi before Bình Minh in Vietnamese order
    ['97002', '70.00', 2, 2, 2, 'Khá'],
    ['97004', '15.00', 4, 3, 1, 'Yếu'],
  ]);
  assert.equal(response.unit_count, 4);
  assert.equal(response.group_count, 3);
  assert.equal(String(response.version), '5');

  const field = await ok(ranking, 'GetUnitRank', { unit_code: '97004', scope_code: PROVINCE, period, field_code: '2' });
  assert.equal(field.entry.index, '16.67'); // 10 of 60
  assert.equal(field.entry.competition_rank, 4);
});

check('a score above the maximum is INVALID_ARGUMENT naming the item in Vietnamese', async () => {
  const { error } = await call(scoring, 'SubmitScores', {
    commune_code: '97004', period, stage: 'STAGE_SELF_ASSESSMENT', items: [{ item_code: '1.1', points: '25' }],
  }, officer('97004'));
  assert.ok(error, 'expected an error');
  assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
  assert.match(error.details, /Item 1\.1/);
  assert.match(error.details, /Ban hành kế hoạch cải cách hành chính/);
  const card = await ok(scoring, 'GetScorecard', { commune_code: '97004', period });
  assert.equal(card.index, '15.00');
});

check('no token, or one signed with another key, is UNAUTHENTICATED', async () => {
  const request = { scope_code: PROVINCE, period, field_code: '', page_size: 0, page_token: '' };
  const missing = await call(ranking, 'GetRanking', request, null);
  assert.equal(missing.error?.code, grpc.status.UNAUTHENTICATED);
  const forged = sign({ sub: 'so-noi-vu-97', cchc_role: 'province_admin', cchc_province: PROVINCE }, crypto.randomBytes(32).toString('base64'));
  const refused = await call(ranking, 'GetRanking', request, forged);
  assert.equal(refused.error?.code, grpc.status.UNAUTHENTICATED);
  assert.match(refused.error.details, /signature/);
});

check("a commune officer may not self-assess another commune: PERMISSION_DENIED, nothing changes", async () => {
  const { error } = await call(scoring, 'SubmitScores', {
    commune_code: '97001', period, stage: 'STAGE_SELF_ASSESSMENT', items: [{ item_code: '1.1', points: '1' }],
  }, officer('97004'));
  assert.equal(error?.code, grpc.status.PERMISSION_DENIED);
  assert.match(error.details, /commune 97001/);
  const card = await ok(scoring, 'GetScorecard', { commune_code: '97001', period });
  assert.equal(card.index, '98.00');
});

check('an unknown commune is NOT_FOUND', async () => {
  const { error } = await call(scoring, 'GetScorecard', { commune_code: '97999', period });
  assert.equal(error?.code, grpc.status.NOT_FOUND);
});

(async () => {
  let failed = 0;
  for (const { name, fn } of checks) {
    try {
      await fn();
      console.log(`ok   ${name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}: ${error.stack}`);
    }
  }

  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();
