import { describe, expect, it, vi } from 'vitest';
import { must } from './client';
import { ApiError } from './problem';

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
