/**
 * The network as the console's tests see it: `fetch` answers from the routes a test gives ('GET /api/v1/plans'), and
 * every request is kept to look at. Nothing inside the console is mocked: it sends real Requests through its client.
 */
export interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
}

export interface Answer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const routes = new Map<string, Answer[]>();
const sent: Sent[] = [];

async function fetchFromTests(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const text = await request.text();
  const seen: Sent = { method: request.method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined, headers: request.headers };
  sent.push(seen);
  const key = request.method + ' ' + url.pathname;
  const queue = routes.get(key);
  if (!queue || queue.length === 0) {
    return Response.json({ code: 'NOT_FOUND', detail: 'The tests do not answer ' + key + '.' }, { status: 404 });
  }
  // Each answer is given once, in order; the last one stays for every request after it.
  const answer = queue.length > 1 ? queue.shift()! : queue[0];
  const status = answer.status ?? 200;
  const body = answer.body === undefined || status === 204 ? null : JSON.stringify(answer.body);
  return new Response(body, { status, headers: { 'Content-Type': 'application/json', ...answer.headers } });
}

export const network = {
  fetch: fetchFromTests as typeof fetch,

  /** Answers 'METHOD /path' with these answers, in order (the last one for every request after). */
  on(route: string, ...answers: Answer[]) {
    routes.set(route, answers.length > 0 ? answers : [{}]);
  },

  /** The requests sent to 'METHOD /path', oldest first. */
  sent(route: string): Sent[] {
    return sent.filter((s) => s.method + ' ' + s.path === route);
  },

  reset() {
    routes.clear();
    sent.length = 0;
  },
};
