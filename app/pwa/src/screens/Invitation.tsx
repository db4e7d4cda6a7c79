import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, must } from '../api/client';
import { t } from '../i18n/t';
import { AuthCard, useOrganisation } from '../ui/AuthCard';
import { fieldProps, ProblemAlert } from '../ui/Problem';

export default function Invitation() {
  const { token = '' } = useParams();
  const organisation = useOrganisation();
  const [form, setForm] = useState({ firstName: '', lastName: '', password: '' });
  const accept = useMutation({
    mutationFn: () => must(api.POST('/api/v1/auth/invitations/{token}/accept', { params: { path: { token } }, body: form })),
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  const title = t('auth.invitation', { org: organisation.data?.name ?? 'Hearth' });
  if (accept.isSuccess) {
    return (
      <AuthCard title={title}>
        <Alert severity="success" role="status">{t('auth.joined')}</Alert>
        <Button component={RouterLink} to="/signin" variant="contained" sx={{ mt: 2 }}>{t('auth.toSignIn')}</Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title}>
      <form onSubmit={submit} noValidate>
        <TextField label={t('auth.firstName')} value={form.firstName} onChange={set('firstName')} autoComplete="given-name" required {...fieldProps(accept.error, 'firstName')} />
        <TextField label={t('auth.lastName')} value={form.lastName} onChange={set('lastName')} autoComplete="family-name" required {...fieldProps(accept.error, 'lastName')} />
        <TextField label={t('auth.password')} type="password" value={form.password} onChange={set('password')} autoComplete="new-password" required {...fieldProps(accept.error, 'password', t('auth.passwordRule'))} />
        <ProblemAlert error={accept.error} />
        <Button type="submit" variant="contained" fullWidth disabled={accept.isPending} sx={{ mt: 2 }}>{t('auth.join')}</Button>
      </form>
    </AuthCard>
  );
}
