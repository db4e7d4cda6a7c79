import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isOnline, reportReachable } from '../offline/status';
import { must, upload } from './client';
import { ApiError } from './problem';
import { session } from './session';

const failure = (call: Promise<unknown>): Promise<ApiError> =>
  call.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: ApiError) => error,
  );

describe('reading API answers', () => {
  it('turns a problem+json answer into an ApiError with its code, detail and field errors', async () => {
    const problem = { status: 422, code: 'VALIDATION_ERROR', detail: 'The request has invalid fields', errors: [{ field: 'register.request.email', message: 'must be a well-formed email address' }] };

    const error = await failure(must(Promise.resolve({ error: problem, response: new Response(null, { status: 422 }) })));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toBe('The request has invalid fields');
    expect(error.fieldError('email')).toBe('must be a well-formed email address');
  });

  it('says NETWORK_ERROR when the server cannot be reached', async () => {
    const error = await failure(must(Promise.reject(new TypeError('Failed to fetch'))));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.offline).toBe(true);
  });

  it('gives a body that is not a problem a code for its status', async () => {
    const error = await failure(must(Promise.resolve({ error: 'Bad Gateway', response: new Response('Bad Gateway', { status: 502 }) })));

    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.status).toBe(502);
  });
});

describe('requests with the session', () => {
  it('renew an expired access token through the cookie once and repeat the request with the new one', async () => {
    const { fetchWithSession } = await import('./client');
    const { session } = await import('./session');
    const calls: Array<{ url: string; authorization: string | null }> = [];
    const answers = [
      new Response(JSON.stringify({ code: 'AUTHENTICATION_ERROR' }), { status: 401 }),
      new Response(JSON.stringify({ accessToken: 'fresh', expiresIn: 900 }), { status: 200 }),
      new Response('{}', { status: 201 }),
    ];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, authorization: new Headers(init?.headers).get('Authorization') });
      return answers.shift()!;
    }));
    session.start({ accessToken: 'expired', expiresIn: 900 });

    const response = await fetchWithSession('/api/v1/circles/c/meetings', { method: 'POST', headers: { 'Idempotency-Key': 'k1' }, body: '{}' });

    expect(response.status).toBe(201);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/circles/c/meetings', '/api/v1/auth/refresh', '/api/v1/circles/c/meetings']);
    expect(calls[0].authorization).toBe('Bearer expired');
    expect(calls[2].authorization).toBe('Bearer fresh');
    session.clear();
    vi.unstubAllGlobals();
  });
});

/**
 * The browser's XMLHttpRequest as far as upload uses it (jsdom's sends for real): each request is kept, and answered by
 * the next of `script` once sent, as a server would: after reporting progress, with a status and a body, or not at all.
 */
class FakeRequest {
  static sent: FakeRequest[] = [];
  static script: Array<(request: FakeRequest) => void> = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  withCredentials = false;
  status = 0;
  responseText = '';
  readonly upload: { onprogress: ((event: Pick<ProgressEvent, 'lengthComputable' | 'loaded' | 'total'>) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }

  send(body: unknown) {
    this.body = body;
    FakeRequest.sent.push(this);
    const next = FakeRequest.script.shift();
    queueMicrotask(() => next?.(this));
  }

  progress(loaded: number, total: number, lengthComputable = true) {
    this.upload.onprogress?.({ lengthComputable, loaded, total });
  }

  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

describe('sending a file', () => {
  const form = () => {
    const body = new FormData();
    body.append('file', new File(['I take part at my own risk.'], 'waiver.txt', { type: 'text/plain' }));
    return body;
  };

  beforeEach(() => {
    FakeRequest.sent = [];
    FakeRequest.script = [];
    vi.stubGlobal('XMLHttpRequest', FakeRequest);
  });

  afterEach(() => {
    session.clear();
    reportReachable(true);
    vi.unstubAllGlobals();
  });

  it('says how far the file has gone up and answers the JSON, sent with his token and the headers given, the form as it is', async () => {
    session.start({ accessToken: 'token', expiresIn: 900 });
    FakeRequest.script = [(request) => {
      request.progress(0, 0, false);
      request.progress(450, 1000);
      request.progress(1000, 1000);
      request.answer(201, { id: 'd1', title: 'Retreat waiver' });
    }];
    const fractions: number[] = [];
    const body = form();

    const answer = await upload<{ id: string }>('/api/v1/documents', body, { 'Idempotency-Key': 'k1' }, (fraction) => fractions.push(fraction));

    expect(answer).toEqual({ id: 'd1', title: 'Retreat waiver' });
    expect(fractions).toEqual([0.45, 1]);
    const [request] = FakeRequest.sent;
    expect([request.method, request.url, request.body, request.withCredentials]).toEqual(['POST', '/api/v1/documents', body, false]);
    expect(request.headers).toEqual({ authorization: 'Bearer token', 'idempotency-key': 'k1' });
  });

  it('turns a problem+json refusal into an ApiError with its code, detail and status', async () => {
    FakeRequest.script = [(request) => request.answer(415, { status: 415, code: 'FILE_TYPE_REFUSED', detail: "The file's name says .pdf but it is image/png" })];

    const error = await failure(upload('/api/v1/documents/d1/versions', form()));

    expect(error).toBeInstanceOf(ApiError);
    expect([error.code, error.status, error.message]).toEqual(['FILE_TYPE_REFUSED', 415, "The file's name says .pdf but it is image/png"]);
    expect(isOnline()).toBe(true);
  });

  it('gives a refusal that is not a problem a code for its status', async () => {
    FakeRequest.script = [(request) => request.answer(502, '<html>Bad Gateway</html>')];

    const error = await failure(upload('/api/v1/documents', form()));

    expect([error.code, error.status]).toEqual(['INTERNAL_ERROR', 502]);
  });

  it('renews an expired access token through the cookie once and sends the form again with the new one', async () => {
    session.start({ accessToken: 'expired', expiresIn: 900 });
    const refreshes = vi.fn(async () => new Response(JSON.stringify({ accessToken: 'fresh', expiresIn: 900 }), { status: 200 }));
    vi.stubGlobal('fetch', refreshes);
    FakeRequest.script = [
      (request) => request.answer(401, { status: 401, code: 'AUTHENTICATION_ERROR' }),
      (request) => request.answer(201, { id: 'd1' }),
    ];
    const body = form();

    const answer = await upload('/api/v1/documents', body, { 'Idempotency-Key': 'k1' });

    expect(answer).toEqual({ id: 'd1' });
    expect(refreshes).toHaveBeenCalledOnce();
    expect(refreshes.mock.calls[0]).toContain('/api/v1/auth/refresh');
    expect(FakeRequest.sent.map((r) => [r.headers.authorization, r.headers['idempotency-key'], r.body])).toEqual([
      ['Bearer expired', 'k1', body],
      ['Bearer fresh', 'k1', body],
    ]);
  });

  it.each(['onerror', 'onabort', 'ontimeout'] as const)('says NETWORK_ERROR, and that the server cannot be reached, when no answer comes (%s)', async (end) => {
    FakeRequest.script = [(request) => request[end]?.()];

    const error = await failure(upload('/api/v1/documents', form()));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('NETWORK_ERROR');
    expect(isOnline()).toBe(false);
  });
});
