/** An error answered by the API as problem+json, or a network failure, in a shape every screen can show. */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /** The message for one field, for showing beside it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((error) => error.field === field || error.field.endsWith('.' + field))?.message;
  }

  get offline(): boolean {
    return this.problem.code === 'NETWORK_ERROR';
  }
}

export const networkProblem = (): Problem => ({ status: 0, code: 'NETWORK_ERROR' });

/** Reads a failed response as a problem; a body that is not problem+json still gets a status and a code. */
export async function problemOf(response: Response): Promise<Problem> {
  let body = '';
  try {
    body = await response.clone().text();
  } catch {
    // Unreadable: a generic problem for the status.
  }
  return problemIn(response.status, body);
}

/** A refusal's status and body text as a problem: for answers that come without a Response (an XMLHttpRequest's). */
export function problemIn(status: number, body: string): Problem {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { code?: unknown }).code === 'string') {
      return { ...(parsed as Problem), status };
    }
  } catch {
    // Not JSON: fall through to a generic problem for the status.
  }
  return { status, code: status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_' + status };
}
