import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import type { Tokens } from '../../../api/session';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { login, loginWithCode, useSignInOptions } from '../api/auth';
import { AuthCard } from './AuthCard';

export default function SignIn() {
  const { start } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const options = useSignInOptions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<string | null>(params.get('challenge'));
  const next = params.get('next');
  const done = async (tokens: Tokens) => {
    await start(tokens);
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };

  const signIn = useMutation({
    mutationFn: async () => {
      const answer = await login({ email, password });
      if ('mfaRequired' in answer && answer.mfaRequired) {
        setChallenge(answer.challenge);
        return;
      }
      await done(answer as Tokens);
    },
  });
  const second = useMutation({
    mutationFn: async () => done(await loginWithCode({ challenge: challenge!, code: code.trim() })),
  });

  if (challenge) {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      second.mutate();
    };
    return (
      <AuthCard title={t('auth.mfaTitle')}>
        <form onSubmit={submit} noValidate>
          <TextField label={t('auth.mfaCode')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="numeric" required autoFocus {...fieldProps(second.error, 'code')} />
          <ProblemAlert error={second.error} />
          <Button type="submit" variant="contained" fullWidth disabled={second.isPending} sx={{ mt: 2 }}>
            {t('auth.verify')}
          </Button>
        </form>
      </AuthCard>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <AuthCard title={t('auth.signIn')}>
      <form onSubmit={submit} noValidate>
        <TextField label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required {...fieldProps(signIn.error, 'email')} />
        <TextField label={t('auth.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required {...fieldProps(signIn.error, 'password')} />
        <ProblemAlert error={signIn.error} />
        <Button type="submit" variant="contained" fullWidth disabled={signIn.isPending} sx={{ mt: 2 }}>
          {t('auth.signIn')}
        </Button>
      </form>
      {options.data?.googleSignIn && (
        <>
          <Divider sx={{ my: 2 }} />
          <Button variant="outlined" fullWidth href="/api/v1/auth/oidc/google/start">
            {t('auth.google')}
          </Button>
        </>
      )}
      <Box sx={{ mt: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Link component={RouterLink} to="/reset-password" sx={{ py: 1 }}>
          {t('auth.forgot')}
        </Link>
        <Link component={RouterLink} to="/signup" sx={{ py: 1 }}>
          {t('auth.noAccount')}
        </Link>
      </Box>
    </AuthCard>
  );
}
