/**
 * The signed-in session in the browser. The access token lives in this module's memory only (never in storage);
 * the refresh token is the HttpOnly `hearth_refresh` cookie, which only the server can read. The access token is
 * renewed through that cookie a minute before it expires, and on start-up to restore a session after a reload.
 */
export interface Tokens {
  accessToken: string;
  expiresIn: number;
}

type Listener = (signedIn: boolean) => void;

const REFRESH_AHEAD_SECONDS = 60;

export class Session {
  private accessToken: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<Listener>();
  /** Whether the last refresh could not reach the server at all (as opposed to being refused). */
  unreachable = false;

  constructor(
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
    private readonly schedule: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = (fn, ms) => setTimeout(fn, ms),
    private readonly cancel: (timer: ReturnType<typeof setTimeout>) => void = (timer) => clearTimeout(timer),
  ) {}

  token(): string | null {
    return this.accessToken;
  }

  signedIn(): boolean {
    return this.accessToken !== null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes the tokens of a sign-in (the refresh token stays in its cookie) and plans the next refresh. */
  start(tokens: Tokens): void {
    this.accessToken = tokens.accessToken;
    this.plan(tokens.expiresIn);
    this.emit();
  }

  /** Trades the refresh cookie for a new access token; concurrent callers share one request. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Ends the session on the server (the cookie is cleared by its answer) and forgets the token here. */
  async end(): Promise<void> {
    const token = this.accessToken;
    this.clear();
    try {
      await this.fetcher('/api/v1/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: token ? { Authorization: 'Bearer ' + token } : {},
      });
    } catch {
      // Offline: the cookie stays until the server can be told; the token is gone from this page already.
    }
  }

  /** Forgets the session here only (the server said it has ended). */
  clear(): void {
    const was = this.accessToken !== null;
    this.accessToken = null;
    if (this.timer) {
      this.cancel(this.timer);
      this.timer = null;
    }
    if (was) {
      this.emit();
    }
  }

  private async doRefresh(): Promise<boolean> {
    let response: Response;
    try {
      response = await this.fetcher('/api/v1/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
    } catch {
      // Offline: keep what we have; the next request or the next plan tries again.
      this.unreachable = true;
      return this.accessToken !== null;
    }
    this.unreachable = false;
    if (!response.ok) {
      this.clear();
      return false;
    }
    const tokens = (await response.json()) as Tokens;
    this.start(tokens);
    return true;
  }

  private plan(expiresIn: number): void {
    if (this.timer) {
      this.cancel(this.timer);
    }
    const seconds = Math.max(5, expiresIn - REFRESH_AHEAD_SECONDS);
    this.timer = this.schedule(() => {
      void this.refresh();
    }, seconds * 1000);
  }

  private emit(): void {
    const signedIn = this.signedIn();
    this.listeners.forEach((listener) => listener(signedIn));
  }
}

export const session = new Session();
