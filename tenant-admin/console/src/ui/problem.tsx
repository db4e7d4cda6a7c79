import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { fill, m } from '../messages';

/** How long "in {wait}" is, in the console's words. */
const waitFor = (seconds: number) => {
  if (seconds < 60) {
    return seconds === 1 ? m.waits.second : fill(m.waits.seconds, { n: seconds });
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) {
    return minutes === 1 ? m.waits.minute : fill(m.waits.minutes, { n: minutes });
  }
  return fill(m.waits.hours, { h: Math.floor(minutes / 60), min: minutes % 60 });
};
/** When a throttled request may be tried again (429 with Retry-After), while that time is still ahead. */
const retryText = (error: unknown) => {
  if (!(error instanceof ApiError) || error.problem.retryAfter === undefined || !error.problem.retryAt || error.problem.retryAt <= Date.now()) {
    return null;
  }
  const seconds = error.problem.retryAfter;
  const time = new Date(error.problem.retryAt).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  return seconds < 60 ? fill(m.tryAgainIn, { wait: waitFor(seconds) }) : fill(m.tryAgainAt, { wait: waitFor(seconds), time });
};
/** What went wrong, in an alert (with when to try again after a 429); nothing when nothing did. */
export const problem = (error: unknown) => {
  if (!error) {
    return null;
  }
  const retry = retryText(error);
  return (
    <Alert severity="error" role="alert" sx={{ my: 1 }}>
      {error instanceof Error ? error.message : String(error)}
      {retry && <Box component="span" sx={{ display: 'block' }}>{retry}</Box>}
    </Alert>
  );
};
/** A field's error from the server, for a TextField. */
export const fieldError = (error: unknown, field: string) => {
  const message = error instanceof ApiError ? error.field(field) : undefined;
  return { error: Boolean(message), helperText: message };
};

/** Whether the error asks to wait (Retry-After) and that time has not come yet; turns false by itself when it comes. */
export function useWaiting(error: unknown) {
  const retryAt = error instanceof ApiError ? error.problem.retryAt : undefined;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryAt === undefined) {
      return;
    }
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(0, retryAt - Date.now()) + 100, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [retryAt]);
  return retryAt !== undefined && retryAt > now;
}
