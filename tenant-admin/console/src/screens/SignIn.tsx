import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { login, loginWithCode } from '../api/auth';
import { ApiError, setToken } from '../api/client';
import type { Enrolment } from '../api/types';
import { fill, m } from '../messages';
import { fieldError, problem, useWaiting } from '../ui/problem';
import { Enrol } from './Enrol';

/** The second step under way: the challenge the password opened, until when it holds, and the secret to enrol if he has none. */
type SecondStep = { challenge: string; expiresAt: number; enrolment: Enrolment | null };
/** tenant-admin spends a challenge after this many wrong codes (and when it expires, or when the account is locked). */
const CODES_PER_CHALLENGE = 5;

/** Sign-in: the password, then (unless the local run turned it off) the code from his authenticator, enrolling it the first time. */
export function SignIn({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<SecondStep | null>(null);
  const [code, setCode] = useState('');
  const [codeMissing, setCodeMissing] = useState(false);
  const [wrongCodes, setWrongCodes] = useState(0);
  const [expired, setExpired] = useState(false);
  const [restarted, setRestarted] = useState(false);
  const signIn = useMutation({
    mutationFn: async () => {
      const answer = await login({ email, password });
      if (answer.accessToken) {
        return { token: answer.accessToken };
      }
      if (answer.mfaRequired && answer.challenge) {
        return { step: { challenge: answer.challenge, expiresAt: Date.now() + (answer.challengeExpiresIn ?? 300) * 1000, enrolment: answer.enrolment ?? null } };
      }
      throw new Error(m.unexpected);
    },
    onSuccess: (answer) => {
      if (answer.token) {
        setToken(answer.token);
        onDone();
        return;
      }
      setPassword('');
      setCode('');
      setCodeMissing(false);
      setWrongCodes(0);
      setExpired(false);
      verify.reset();
      setStep(answer.step ?? null);
    },
  });
  const verify = useMutation({
    mutationFn: async ({ challenge, code }: { challenge: string; code: string }) => {
      const answer = await loginWithCode({ challenge, code });
      if (!answer.accessToken) {
        throw new Error(m.unexpected);
      }
      return answer.accessToken;
    },
    onSuccess: (token) => {
      setToken(token);
      onDone();
    },
    onError: (error) => {
      setCode('');
      if (error instanceof ApiError && error.problem.code === 'MFA_CODE_INVALID') {
        setWrongCodes((n) => n + 1);
      }
    },
  });
  useEffect(() => {
    if (!step) {
      return;
    }
    const timer = setTimeout(() => setExpired(true), Math.max(0, step.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [step]);
  const waiting = useWaiting(signIn.error);
  const locked = verify.error instanceof ApiError && verify.error.problem.status === 429;
  const spent = expired || wrongCodes >= CODES_PER_CHALLENGE || locked;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (!step || spent) {
      return;
    }
    if (!/^\d{6}$/.test(code)) {
      setCodeMissing(true);
      return;
    }
    verify.mutate({ challenge: step.challenge, code });
  };
  const startOver = () => {
    setStep(null);
    setCode('');
    setPassword('');
    signIn.reset();
    verify.reset();
    setRestarted(true);
  };
  return (
    <Box component="main" sx={{ display: 'flex', justifyContent: 'center', p: 2, pt: 6 }}>
      <Paper component="section" aria-labelledby="title" sx={{ p: 3, width: '100%', maxWidth: step?.enrolment ? 520 : 400 }}>
        <Typography id="title" component="h1" variant="h5" sx={{ mb: 2 }}>{m.title}</Typography>
        {step === null ? (
          <form onSubmit={submit} noValidate>
            <TextField label={m.email} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} {...fieldError(signIn.error, 'email')} />
            <TextField label={m.password} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus={restarted} {...fieldError(signIn.error, 'password')} />
            {problem(signIn.error)}
            <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={signIn.isPending || waiting}>{m.signIn}</Button>
          </form>
        ) : (
          <form onSubmit={submitCode} noValidate aria-labelledby="second-step">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{fill(m.signingInAs, { email })}</Typography>
            {step.enrolment && <Enrol enrolment={step.enrolment} />}
            <Typography id="second-step" sx={{ mt: 1 }}>{step.enrolment ? m.enrolThen : m.secondStep}</Typography>
            <TextField label={m.authCode} value={code} disabled={spent} autoComplete="one-time-code" autoFocus={!step.enrolment}
              onChange={(e) => { setCode(e.target.value.replace(/\D/g, '').slice(0, 6)); setCodeMissing(false); }}
              slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 6, sx: { fontFamily: 'monospace', fontSize: '1.25rem', letterSpacing: '0.3em' } } }}
              error={codeMissing || fieldError(verify.error, 'code').error} helperText={codeMissing ? m.codeNeeded : (fieldError(verify.error, 'code').helperText ?? m.codeHint)} />
            {problem(verify.error)}
            {spent && !locked && <Alert severity="warning" role="alert" sx={{ my: 1 }}>{m.challengeSpent}</Alert>}
            <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
              {!spent && <Button type="submit" variant="contained" sx={{ flex: 1 }} disabled={verify.isPending}>{m.verify}</Button>}
              <Button variant={spent ? 'contained' : 'text'} sx={spent ? { flex: 1 } : undefined} onClick={startOver} disabled={verify.isPending}>{m.startOver}</Button>
            </Box>
          </form>
        )}
      </Paper>
    </Box>
  );
}
