import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, must } from '../api/client';
import { t } from '../i18n/t';
import { AuthCard } from '../ui/AuthCard';
import { fieldProps, ProblemAlert } from '../ui/Problem';

export default function ResetPassword() {
  const { token } = useParams();
  const [value, setValue] = useState('');
  const request = useMutation({ mutationFn: () => must(api.POST('/api/v1/auth/password-reset', { body: { email: value } })) });
  const confirm = useMutation({ mutationFn: () => must(api.POST('/api/v1/auth/password-reset/confirm', { body: { token: token!, password: value } })) });
  const action = token ? confirm : request;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate();
  };
  if (action.isSuccess) {
    return (
      <AuthCard title={t('auth.reset')}>
        <Alert severity="success" role="status">{token ? t('auth.changed') : t('auth.resetSent')}</Alert>
        <Button component={RouterLink} to="/signin" variant="contained" sx={{ mt: 2 }}>{t('auth.toSignIn')}</Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={token ? t('auth.choose') : t('auth.reset')}>
      <form onSubmit={submit} noValidate>
        {token ? (
          <TextField label={t('auth.newPassword')} type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" required {...fieldProps(confirm.error, 'password', t('auth.passwordRule'))} />
        ) : (
          <TextField label={t('auth.email')} type="email" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="email" required {...fieldProps(request.error, 'email')} />
        )}
        <ProblemAlert error={action.error} />
        <Button type="submit" variant="contained" fullWidth disabled={action.isPending} sx={{ mt: 2 }}>
          {token ? t('auth.choose') : t('auth.sendLink')}
        </Button>
      </form>
    </AuthCard>
  );
}
