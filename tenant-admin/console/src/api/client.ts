import createClient from 'openapi-fetch';
import type { paths } from '../schema';

/** tenant-admin's API, typed from its OpenAPI document. The operator's token lives in memory only. */
export const api = createClient<paths>({ baseUrl: '' });

let token: string | null = null;
export const setToken = (value: string | null) => {
  token = value;
};
api.use({
  onRequest({ request }) {
    if (token) {
      request.headers.set('Authorization', 'Bearer ' + token);
    }
    return request;
  },
});

export interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string; message: string }[];
  /** From Retry-After (429, 503): how many seconds to wait, and until when (epoch milliseconds). */
  retryAfter?: number;
  retryAt?: number;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
  }
  field(name: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === name || e.field.endsWith('.' + name))?.message;
  }
}

export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', detail: 'No connection to tenant-admin. Check the network and try again.' });
  }
  if (!result.response.ok) {
    let problem: Problem = { status: result.response.status, code: 'HTTP_' + result.response.status, detail: 'The request failed (' + result.response.status + ').' };
    if (result.error && typeof result.error === 'object' && 'code' in result.error) {
      problem = { ...(result.error as Problem), status: result.response.status };
    }
    const retryAfter = retryAfterSeconds(result.response.headers.get('Retry-After'));
    throw new ApiError(retryAfter === undefined ? problem : { ...problem, retryAfter, retryAt: Date.now() + retryAfter * 1000 });
  }
  return result.data as T;
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) {
    return undefined;
  }
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : undefined;
}
