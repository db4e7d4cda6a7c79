import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, networkProblem, problemIn, problemOf, type Problem } from './problem';
import { reportReachable } from '../offline/status';
import { session } from './session';

/** The API client, typed from app's OpenAPI document at build time: a changed contract fails `tsc`. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

const RETRIED = 'X-Hearth-Retried';

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', 'Bearer ' + token);
    }
    return request;
  },
  async onResponse({ request, response }) {
    // An expired access token: renew it through the cookie once and repeat the request.
    if (response.status === 401 && !request.url.includes('/api/v1/auth/') && !request.headers.has(RETRIED) && session.signedIn()) {
      if (await session.refresh()) {
        const again = new Request(request, { headers: new Headers(request.headers) });
        again.headers.set('Authorization', 'Bearer ' + session.token());
        again.headers.set(RETRIED, '1');
        return fetch(again);
      }
    }
    return response;
  },
};
api.use(auth);

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem. Network failures become NETWORK_ERROR. */
export async function must<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (failure) {
    if (failure instanceof ApiError) {
      throw failure;
    }
    reportReachable(false);
    throw new ApiError(networkProblem());
  }
  reportReachable(true);
  if (!result.response.ok) {
    // openapi-fetch has read the body already: its parsed error is the problem+json document.
    const body = result.error;
    if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string') {
      throw new ApiError({ ...(body as Problem), status: result.response.status });
    }
    throw new ApiError(await problemOf(result.response));
  }
  return result.data as T;
}

/**
 * A request with the session's token; an expired token is renewed through the cookie once and the request repeated.
 * It throws only when the server cannot be reached; any answer, refusals included, is the caller's to read.
 */
export async function fetchWithSession(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.body && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  const attempt = () => {
    const token = session.token();
    if (token) {
      headers.set('Authorization', 'Bearer ' + token);
    }
    return fetch(path, { ...init, headers, credentials: 'same-origin' });
  };
  try {
    let response = await attempt();
    if (response.status === 401 && session.signedIn() && (await session.refresh())) {
      response = await attempt();
    }
    reportReachable(true);
    return response;
  } catch (failure) {
    reportReachable(false);
    throw failure;
  }
}

/** A plain request with the session's token, for what openapi-fetch does not type well (files, headers of our own). */
export async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetchWithSession(path, init);
  } catch {
    throw new ApiError(networkProblem());
  }
  if (!response.ok) {
    throw new ApiError(await problemOf(response));
  }
  return response;
}

/** How far a file has gone up: the fraction of its bytes sent, from 0 to 1. */
export type Progress = (fraction: number) => void;

/**
 * Sends a form with its files and says how far it has gone up, which fetch cannot (XMLHttpRequest reports the upload).
 * The session's token goes as fetchWithSession sends it, renewed through the cookie once on a 401. It answers the
 * JSON of a 2xx; a refusal is an ApiError carrying its problem, and no answer at all is NETWORK_ERROR.
 */
export async function upload<T>(path: string, form: FormData, headers: HeadersInit = {}, onProgress?: Progress): Promise<T> {
  let answer: XMLHttpRequest;
  try {
    answer = await post(path, form, new Headers(headers), onProgress);
    if (answer.status === 401 && session.signedIn() && (await session.refresh())) {
      answer = await post(path, form, new Headers(headers), onProgress);
    }
  } catch {
    reportReachable(false);
    throw new ApiError(networkProblem());
  }
  reportReachable(true);
  if (answer.status < 200 || answer.status >= 300) {
    throw new ApiError(problemIn(answer.status, answer.responseText));
  }
  return (answer.responseText ? JSON.parse(answer.responseText) : undefined) as T;
}

/** One POST of the form, settled with its request once answered; it fails only when no answer came. */
function post(path: string, form: FormData, headers: Headers, onProgress?: Progress): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    // Cookies to our own origin only, as fetch's credentials: 'same-origin'. No Content-Type: the browser writes the boundary.
    request.withCredentials = false;
    const token = session.token();
    if (token) {
      headers.set('Authorization', 'Bearer ' + token);
    }
    headers.forEach((value, name) => request.setRequestHeader(name, value));
    if (onProgress) {
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) {
          onProgress(event.loaded / event.total);
        }
      };
    }
    request.onload = () => resolve(request);
    request.onerror = request.onabort = request.ontimeout = () => reject(new TypeError('No answer from ' + path));
    request.send(form);
  });
}

/** Fetches a file with the session's token and hands it to the browser as a download. */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await (await send(path)).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
