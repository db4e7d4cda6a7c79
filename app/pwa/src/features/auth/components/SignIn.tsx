import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/problem';
import type { Tokens } from '../../../api/session';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { goToProvider, login, loginWithCode, signInOptionsForQuery, useSignInOptions } from '../api/auth';
import { plausibleEmail, ssoErrorText } from '../signIn';
import { AuthCard } from './AuthCard';

/** How long typing rests before the address is asked about (leaving the field asks at once). */
const SETTLED_MS = 400;

export default function SignIn() {
  const { start } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const options = useSignInOptions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<string | null>(params.get('challenge'));
  // Identity first: once the address has settled (or he leaves the field), ask whether it goes to the organisation's provider.
  const address = email.trim();
  const [asked, setAsked] = useState('');
  const [passwordFor, setPasswordFor] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const continueButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!plausibleEmail(address)) {
      return;
    }
    const timer = setTimeout(() => setAsked(address), SETTLED_MS);
    return () => clearTimeout(timer);
  }, [address]);
  const forAddress = useQuery({ ...signInOptionsForQuery(asked), enabled: plausibleEmail(asked) });
  // Only the answer for the address as it stands counts; the break-glass admin may still choose his password.
  const sso = asked === address && forAddress.data?.sso === true && passwordFor !== address;
  useEffect(() => {
    // The password field he may have been in gave way: the keyboard goes on to the button that took its place.
    if (sso && (document.activeElement === null || document.activeElement === document.body)) {
      continueButton.current?.focus();
    }
  }, [sso]);
  const ssoError = params.get('sso-error');
  const next = params.get('next');
  const done = async (tokens: Tokens) => {
    await start(tokens);
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };
  const toProvider = () => {
    setLeaving(true);
    goToProvider(address);
  };

  const signIn = useMutation({
    mutationFn: async () => {
      let answer;
      try {
        answer = await login({ email: address, password });
      } catch (refused) {
        // His address's domain signs in through the organisation's provider: he goes there instead.
        if (refused instanceof ApiError && refused.code === 'SSO_REQUIRED') {
          toProvider();
          return;
        }
        throw refused;
      }
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
    if (sso) {
      toProvider();
    } else {
      signIn.mutate();
    }
  };
  return (
    <AuthCard title={t('auth.signIn')}>
      {ssoError && (
        <Alert severity="error" role="alert" sx={{ mb: 1 }}>
          {ssoErrorText(ssoError)}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <TextField label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} onBlur={() => plausibleEmail(address) && setAsked(address)}
          autoComplete="username" required {...fieldProps(signIn.error, 'email')} />
        {sso ? (
          <>
            <Typography variant="body2" sx={{ mt: 1 }}>{t('auth.sso.help')}</Typography>
            <Button ref={continueButton} type="submit" variant="contained" fullWidth disabled={leaving} sx={{ mt: 2 }}>
              {t('auth.sso.continue')}
            </Button>
            <Button fullWidth onClick={() => setPasswordFor(address)} disabled={leaving} sx={{ mt: 1 }}>
              {t('auth.sso.usePassword')}
            </Button>
          </>
        ) : (
          <>
            <TextField label={t('auth.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required {...fieldProps(signIn.error, 'password')} />
            <ProblemAlert error={signIn.error} />
            <Button type="submit" variant="contained" fullWidth disabled={signIn.isPending || leaving} sx={{ mt: 2 }}>
              {t('auth.signIn')}
            </Button>
          </>
        )}
        <Typography role="status" variant="body2" sx={{ mt: leaving ? 1 : 0 }}>{leaving ? t('auth.sso.leaving') : ''}</Typography>
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
        {!sso && (
          <Link component={RouterLink} to="/reset-password" sx={{ py: 1 }}>
            {t('auth.forgot')}
          </Link>
        )}
        <Link component={RouterLink} to="/signup" sx={{ py: 1 }}>
          {t('auth.noAccount')}
        </Link>
      </Box>
    </AuthCard>
  );
}
