// Calls the C# server's cchc.testing.v1.EchoService with @grpc/grpc-js and asserts every result.
// Usage: node tests/interop/echo-client.js --port N   (run by Cchc.Grpc.Tests' InteropTests)
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const { values } = parseArgs({ options: { port: { type: 'string' } } });
assert.ok(values.port, 'usage: node echo-client.js --port N');
const target = `127.0.0.1:${values.port}`;

const definition = protoLoader.loadSync(path.join(__dirname, '../Cchc.Grpc.Tests/Protos/echo.proto'), {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { EchoService } = grpc.loadPackageDefinition(definition).cchc.testing.v1;
const client = new EchoService(target, grpc.credentials.createInsecure());
const gzipClient = new EchoService(target, grpc.credentials.createInsecure(), {
  'grpc.default_compression_algorithm': 2, // gzip
});

const MiB = 1024 * 1024;

function unary(stub, method, request, options = {}) {
  const metadata = options.metadata ?? new grpc.Metadata();
  const callOptions = options.deadline ? { deadline: options.deadline } : {};
  const result = {};
  return new Promise((resolve) => {
    const call = stub[method](request, metadata, callOptions, (error, response) => {
      result.error = error;
      result.response = response;
    });
    call.on('metadata', (headers) => { result.headers = headers; });
    call.on('status', (status) => { result.status = status; resolve(result); });
    if (options.onCall) options.onCall(call);
  });
}

async function expectStatus(promise, code, label) {
  const { error, status } = await promise;
  assert.ok(error, `${label}: expected an error`);
  assert.equal(error.code, code, `${label}: got ${error.code} ${error.details}`);
  return { error, status };
}

const checks = [];
function check(name, fn) { checks.push({ name, fn }); }

check('unary Echo round-trips Vietnamese text and bytes', async () => {
  const { error, response } = await unary(client, 'Echo', { message: 'Xin chào, Chỉ số CCHC', payload: Buffer.from([1, 2, 3]) });
  assert.ifError(error);
  assert.equal(response.message, 'Xin chào, Chỉ số CCHC');
  assert.deepEqual([...response.payload], [1, 2, 3]);
  assert.equal(response.count, 1);
});

check('server streaming returns 5 messages in order', async () => {
  const messages = [];
  await new Promise((resolve, reject) => {
    const call = client.ServerStream({ message: 'xã', count: 5 });
    call.on('data', (reply) => messages.push(reply.message));
    call.on('error', reject);
    call.on('end', resolve);
  });
  assert.deepEqual(messages, ['xã 1', 'xã 2', 'xã 3', 'xã 4', 'xã 5']);
});

check('client streaming joins every request', async () => {
  const reply = await new Promise((resolve, reject) => {
    const call = client.ClientStream((error, response) => (error ? reject(error) : resolve(response)));
    for (const part of ['Bộ', 'chỉ', 'số']) call.write({ message: part });
    call.end();
  });
  assert.equal(reply.message, 'Bộ|chỉ|số');
  assert.equal(reply.count, 3);
});

check('bidi streaming answers each message as it arrives', async () => {
  const call = client.Bidi();
  const replies = [];
  let next;
  call.on('data', (reply) => { replies.push(reply); next?.(); });
  const ended = new Promise((resolve, reject) => { call.on('end', resolve); call.on('error', reject); });
  for (let i = 1; i <= 3; i++) {
    const arrived = new Promise((resolve) => { next = resolve; });
    call.write({ message: `m${i}` });
    await arrived;
    assert.equal(replies.length, i);
    assert.equal(replies[i - 1].message, `m${i}`);
    assert.equal(replies[i - 1].count, i);
  }
  call.end();
  await ended;
});

check('error status NOT_FOUND with the exact Vietnamese message and a trailer', async () => {
  const { error } = await expectStatus(
    unary(client, 'Fail', { code: 5, message: 'Không tìm thấy xã 99999' }), grpc.status.NOT_FOUND, 'Fail');
  assert.equal(error.details, 'Không tìm thấy xã 99999');
  assert.deepEqual(error.metadata.get('fail-reason'), ['requested']);
});

check('handler exception is UNKNOWN and does not leak its text', async () => {
  const { error } = await expectStatus(unary(client, 'Fail', { code: 2 }), grpc.status.UNKNOWN, 'Fail UNKNOWN');
  assert.ok(!error.details.includes('hunter2'), error.details);
});

check('unknown method is UNIMPLEMENTED', async () => {
  const stub = new grpc.Client(target, grpc.credentials.createInsecure());
  const error = await new Promise((resolve) => {
    stub.makeUnaryRequest('/cchc.testing.v1.EchoService/Nope', (x) => x, (x) => x, Buffer.alloc(0), (e) => resolve(e));
  });
  stub.close();
  assert.equal(error.code, grpc.status.UNIMPLEMENTED);
});

check('deadline of 200 ms on a slow call is DEADLINE_EXCEEDED', async () => {
  await expectStatus(
    unary(client, 'Slow', { delayMs: 30000, probe: 'node-deadline' }, { deadline: new Date(Date.now() + 200) }),
    grpc.status.DEADLINE_EXCEEDED, 'Slow deadline');
});

check('cancelling a slow call is CANCELLED', async () => {
  await expectStatus(
    unary(client, 'Slow', { delayMs: 30000, probe: 'node-cancel' }, { onCall: (call) => setTimeout(() => call.cancel(), 100) }),
    grpc.status.CANCELLED, 'Slow cancel');
});

check('a message just under the 4 MiB limit round-trips', async () => {
  const payload = Buffer.alloc(4 * MiB - 16, 7);
  const { error, response } = await unary(client, 'Echo', { payload });
  assert.ifError(error);
  assert.equal(response.payload.length, payload.length);
  assert.ok(response.payload.equals(payload));
});

check('a message over the 4 MiB limit is RESOURCE_EXHAUSTED', async () => {
  await expectStatus(unary(client, 'Echo', { payload: Buffer.alloc(4 * MiB + 1) }), grpc.status.RESOURCE_EXHAUSTED, 'Echo over limit');
});

check('a response over the server send limit is RESOURCE_EXHAUSTED', async () => {
  await expectStatus(unary(client, 'Echo', { replyPayloadSize: 4 * MiB + 100 }), grpc.status.RESOURCE_EXHAUSTED, 'reply over limit');
});

check('metadata round-trips: text and -bin request headers, response headers and trailers', async () => {
  const metadata = new grpc.Metadata();
  metadata.set('x-tinh', '01');
  metadata.set('x-ma-xa-bin', Buffer.from([0, 1, 2, 0xfe, 0xff]));
  metadata.set('x-ten-bin', Buffer.from('Xã Đông Anh', 'utf8'));
  const { error, response, headers, status } = await unary(client, 'EchoMetadata', {}, { metadata });
  assert.ifError(error);
  const seen = Object.fromEntries(response.entries.map((e) => [e.key, e]));
  assert.equal(seen['x-tinh'].value, '01');
  assert.deepEqual([...seen['x-ma-xa-bin'].binaryValue], [0, 1, 2, 0xfe, 0xff]);
  assert.equal(Buffer.from(seen['x-ten-bin'].binaryValue).toString('utf8'), 'Xã Đông Anh');
  assert.deepEqual(headers.get('x-response-header'), ['hello']);
  assert.equal(headers.get('x-response-bin')[0].toString('utf8'), 'Xin chào');
  assert.deepEqual(status.metadata.get('x-trailer'), ['bye']);
  assert.deepEqual([...status.metadata.get('x-trailer-bin')[0]], [0, 1, 2, 254, 255]);
});

check('gzip-compressed requests are accepted', async () => {
  const text = 'Chỉ số cải cách hành chính '.repeat(100);
  const { error, response } = await unary(gzipClient, 'Echo', { message: text });
  assert.ifError(error);
  assert.equal(response.message, text);
});

(async () => {
  let failed = 0;
  for (const { name, fn } of checks) {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
    }
  }
  client.close();
  gzipClient.close();
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();
