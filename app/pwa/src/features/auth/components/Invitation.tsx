import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { useOrganisation } from '../../../api/organisation';
import { t } from '../../../i18n/t';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { useAcceptInvitation } from '../api/auth';
import { AuthCard } from './AuthCard';

export default function Invitation() {
  const { token = '' } = useParams();
  const organisation = useOrganisation();
  const [form, setForm] = useState({ firstName: '', lastName: '', password: '' });
  const accept = useAcceptInvitation(token);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(form);
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
