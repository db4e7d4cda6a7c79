import Alert from '@mui/material/Alert';
import { ApiError } from '../api/problem';
import { has, t } from '../i18n/t';

/** Says in words what went wrong: the server's own detail, or our text for its code; never a blank screen. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const { code, detail, status, requestId } = error.problem;
    if (has('problem.' + code)) {
      return t('problem.' + code, { requestId: requestId ?? '-' });
    }
    if (detail) {
      return detail;
    }
    return t('problem.fallback', { status });
  }
  return error instanceof Error ? error.message : String(error);
}

export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) {
    return null;
  }
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <Alert severity="error" role="alert" sx={{ my: 1 }}>
      {problemText(error)}
      {fields.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
          {fields.map((field) => (
            <li key={field.field + field.message}>
              {field.field}: {field.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** The message for a field, for a TextField's helperText (with error set when there is one). */
export function fieldProps(error: unknown, field: string, help?: string): { error: boolean; helperText?: string } {
  const message = error instanceof ApiError ? error.fieldError(field) : undefined;
  return { error: Boolean(message), helperText: message ?? help };
}
