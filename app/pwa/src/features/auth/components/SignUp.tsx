import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { useOrganisation } from '../../../api/organisation';
import { t } from '../../../i18n/t';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { useRegisterAccount, useSignInOptions } from '../api/auth';
import { AuthCard } from './AuthCard';

export default function SignUp() {
  const organisation = useOrganisation();
  const options = useSignInOptions();
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '', phone: '' });
  const register = useRegisterAccount();
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({ ...form, phone: form.phone.trim() || null });
  };
  const org = organisation.data?.name ?? '';
  if (register.isSuccess) {
    return (
      <AuthCard title={t('auth.signUp')}>
        <Alert severity="success" role="status">{t('auth.registered')}</Alert>
        <Typography sx={{ mt: 2 }}>{options.data?.registrationMode === 'OPEN' ? t('auth.openMode') : t('auth.approvalMode', { org })}</Typography>
        <Button component={RouterLink} to="/signin" sx={{ mt: 2 }}>{t('auth.toSignIn')}</Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth.signUp')}>
      {options.data && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {options.data.registrationMode === 'OPEN' ? t('auth.openMode') : t('auth.approvalMode', { org })}
        </Typography>
      )}
      <form onSubmit={submit} noValidate>
        <TextField label={t('auth.firstName')} value={form.firstName} onChange={set('firstName')} autoComplete="given-name" required {...fieldProps(register.error, 'firstName')} />
        <TextField label={t('auth.lastName')} value={form.lastName} onChange={set('lastName')} autoComplete="family-name" required {...fieldProps(register.error, 'lastName')} />
        <TextField label={t('auth.email')} type="email" value={form.email} onChange={set('email')} autoComplete="email" required {...fieldProps(register.error, 'email')} />
        <TextField label={t('auth.password')} type="password" value={form.password} onChange={set('password')} autoComplete="new-password" required {...fieldProps(register.error, 'password', t('auth.passwordRule'))} />
        <TextField label={t('auth.phone')} type="tel" value={form.phone} onChange={set('phone')} autoComplete="tel" {...fieldProps(register.error, 'phone')} />
        <ProblemAlert error={register.error} />
        <Button type="submit" variant="contained" fullWidth disabled={register.isPending} sx={{ mt: 2 }}>
          {t('auth.signUp')}
        </Button>
      </form>
      <Link component={RouterLink} to="/signin" sx={{ display: 'inline-block', mt: 2, py: 1 }}>
        {t('auth.haveAccount')}
      </Link>
    </AuthCard>
  );
}
