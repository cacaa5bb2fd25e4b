import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkspace, startTestServer, type TestServer, type Workspace } from './harness.js';

let workspace: Workspace;
let server: TestServer;

beforeAll(async () => {
  workspace = await createWorkspace();
  server = await startTestServer(workspace, { maxQuestionChars: 2000 });
});
afterAll(async () => {
  await server?.close();
  workspace?.remove();
});

/** Every error is a 4xx with exactly `{error: {code, message}}` and nothing of the server's insides. */
async function expectClientError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  expect(body.error.code).toBe(code);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|\/work\/|stack/i);
  return body.error.message;
}

/** Sends raw bytes and returns the raw HTTP response. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('hostile requests', () => {
  test('malformed JSON is a 400', async () => {
    await expectClientError(await server.post('/api/query', '{"question": "hi",'), 400, 'ATOMKIT_ERR_INVALID_JSON');
    await expectClientError(await server.post('/api/feedback', 'not json at all'), 400, 'ATOMKIT_ERR_INVALID_JSON');
  });

  test('an empty body is a 400', async () => {
    await expectClientError(await server.post('/api/query', ''), 400, 'ATOMKIT_ERR_INVALID_JSON');
  });

  test.each([
    [{ question: 42 }, /`question`/],
    [{}, /`question`/],
    [{ question: '   ' }, /empty/],
    [{ question: 'hi', threadId: { $ne: null } }, /`threadId`/],
    [{ question: 'hi', filters: 'all' }, /`filters`/],
    [{ question: 'hi', filters: { types: [1] } }, /`filters.types.0`/],
    [{ question: 'hi', language: 'not a language' }, /`language`/],
    [{ question: 'hi', admin: true }, /admin|key/i],
    [['question'], /body/],
    ['"just a string"', /body|value/],
  ])('a body of the wrong shape is a 400 naming the field: %j', async (body, field) => {
    const message = await expectClientError(await server.post('/api/query', typeof body === 'string' ? body : JSON.stringify(body)), 400, 'ATOMKIT_ERR_INVALID_REQUEST');
    expect(message).toMatch(field);
  });

  test('a 1 MB question is refused as too large', async () => {
    await expectClientError(await server.post('/api/query', { question: 'x'.repeat(1024 * 1024) }), 413, 'ATOMKIT_ERR_BODY_TOO_LARGE');
  });

  test('a question over the configured length is a 400', async () => {
    await expectClientError(await server.post('/api/query', { question: 'why '.repeat(600) }), 400, 'ATOMKIT_ERR_QUESTION_TOO_LONG');
  });

  test('a body that is not JSON is a 415', async () => {
    await expectClientError(
      await fetch(`${server.url}/api/query`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'question' }),
      415,
      'ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE',
    );
  });

  test.each(['/api/query', '/api/feedback'])('a cross-site form POST to %s (a simple request, no preflight) is a 415', async (url) => {
    const forms: [string, string][] = [
      ['application/x-www-form-urlencoded', 'question=How+do+I+run+the+linter%3F'],
      ['application/x-www-form-urlencoded', '{"messageId":"x","rating":"down"}'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="question"\r\n\r\nhi\r\n--b--\r\n'],
    ];
    for (const [type, body] of forms) {
      const response = await fetch(`${server.url}${url}`, { method: 'POST', headers: { 'content-type': type, origin: 'https://evil.example' }, body });
      expect(await expectClientError(response, 415, 'ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE')).toMatch(/application\/json/);
    }
  });

  test('a CONNECT request gets a 405 in the error format instead of a closed socket', async () => {
    const raw = await rawRequest(Number(new URL(server.url).port), 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 405 /);
    expect(raw).toMatch(/^Content-Type: application\/json/im);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'ATOMKIT_ERR_METHOD_NOT_ALLOWED', message: expect.stringMatching(/CONNECT/) } });
    // The server still answers afterwards.
    expect((await server.get('/healthz')).status).toBe(200);
  });

  test('prototype pollution keys are refused', async () => {
    await expectClientError(await server.post('/api/query', '{"question":"hi","__proto__":{"admin":true}}'), 400, 'ATOMKIT_ERR_INVALID_JSON');
  });

  test('an unknown thread is a 404, for a follow-up and for reading', async () => {
    await expectClientError(await server.post('/api/query', { question: 'hello', threadId: '00000000-0000-0000-0000-000000000000' }), 404, 'ATOMKIT_ERR_THREAD_NOT_FOUND');
    await expectClientError(await server.get('/api/threads/00000000-0000-0000-0000-000000000000'), 404, 'ATOMKIT_ERR_THREAD_NOT_FOUND');
    await expectClientError(await server.get(`/api/threads/${'a'.repeat(500)}`), 414, 'ATOMKIT_ERR_URL_TOO_LONG');
  });

  test('bad feedback is refused: unknown rating, unknown message, missing fields', async () => {
    await expectClientError(await server.post('/api/feedback', { messageId: 'x', rating: 'meh' }), 400, 'ATOMKIT_ERR_INVALID_REQUEST');
    await expectClientError(await server.post('/api/feedback', { messageId: 'x', rating: 5 }), 400, 'ATOMKIT_ERR_INVALID_REQUEST');
    await expectClientError(await server.post('/api/feedback', { rating: 'up' }), 400, 'ATOMKIT_ERR_INVALID_REQUEST');
    await expectClientError(await server.post('/api/feedback', { messageId: 'no-such-message', rating: 'up' }), 404, 'ATOMKIT_ERR_MESSAGE_NOT_FOUND');
    await expectClientError(await server.post('/api/feedback', { messageId: 'x', rating: 'up', comment: 'y'.repeat(5000) }), 400, 'ATOMKIT_ERR_INVALID_REQUEST');
  });

  test('unknown routes are JSON 404s, and known routes with another method 405s naming the allowed ones', async () => {
    await expectClientError(await server.get('/api/nothing-here'), 404, 'ATOMKIT_ERR_NOT_FOUND');
    await expectClientError(await server.get('/../../etc/passwd'), 404, 'ATOMKIT_ERR_NOT_FOUND');
    const get = await server.get('/api/query');
    expect(get.headers.get('allow')).toBe('POST');
    await expectClientError(get, 405, 'ATOMKIT_ERR_METHOD_NOT_ALLOWED');
    await expectClientError(await fetch(`${server.url}/api/feedback`, { method: 'DELETE' }), 405, 'ATOMKIT_ERR_METHOD_NOT_ALLOWED');
    await expectClientError(await server.post('/api/threads/abc', {}), 405, 'ATOMKIT_ERR_METHOD_NOT_ALLOWED');
  });

  test('header injection attempts are harmless', async () => {
    // Encoded CR LF in a path parameter stays data.
    const injected = await server.get('/api/threads/x%0d%0aSet-Cookie:%20pwned=1');
    await expectClientError(injected, 404, 'ATOMKIT_ERR_THREAD_NOT_FOUND');
    expect(injected.headers.get('set-cookie')).toBeNull();
    // A question with CR LF is answered in the body, never in a header.
    const question = await server.post('/api/query', { question: 'hi\r\nSet-Cookie: pwned=1\r\n\r\n<script>alert(1)</script>' });
    expect(question.status).toBe(200);
    expect(question.headers.get('set-cookie')).toBeNull();
    // A raw header with a bare CR, and a request line with a CR LF in the path, never reach a route.
    const port = new URL(server.url).port;
    const bareCr = await rawRequest(Number(port), 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Evil: a\rSet-Cookie: pwned=1\r\n\r\n');
    expect(bareCr).toMatch(/^HTTP\/1\.1 400 /);
    expect(bareCr).not.toMatch(/set-cookie/i);
    expect(JSON.parse(bareCr.slice(bareCr.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'ATOMKIT_ERR_INVALID_REQUEST', message: expect.any(String) } });
    // A spoofed forwarding header does not change who is rate limited or what is echoed.
    const spoofed = await server.post('/api/query', { question: 'How do I run the linter?' }, { 'x-forwarded-for': '1.2.3.4\r\n'.trim(), origin: 'https://evil.example' });
    expect(spoofed.headers.get('access-control-allow-origin')).toBeNull();
  });

  test.each([
    ['half a surrogate pair', 'what is \ud800 on mars'],
    ['an emoji the 200-character suggestion link cuts in half', `x${'🙂'.repeat(150)}`],
  ])('a question holding %s is answered, with a suggestion link that opens', async (_, question) => {
    const response = await server.post('/api/query', { question });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { answered: boolean; support: { suggestUrl: string } };
    expect(answer.answered).toBe(false);
    expect(new URL(answer.support.suggestUrl).searchParams.get('title')).toMatch(/^(what is \uFFFD on mars|x🙂+\uFFFD)$/u);
  });

  test('none of the above produced a server error', async () => {
    const metrics = await (await server.get('/metrics')).text();
    expect(metrics).not.toMatch(/atomkit_http_requests_total\{[^}]*status="5\d\d"/);
    expect(metrics).toMatch(/status="4\d\d"/);
  });
});
