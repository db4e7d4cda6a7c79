import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { useConfirmPasswordReset, useRequestPasswordReset } from '../api/auth';
import { AuthCard } from './AuthCard';

export default function ResetPassword() {
  const { token } = useParams();
  const [value, setValue] = useState('');
  const request = useRequestPasswordReset();
  const confirm = useConfirmPasswordReset(token);
  const action = token ? confirm : request;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate(value);
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
