import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useOnboard } from '../api/tenants';
import { m } from '../messages';
import { fieldError, problem } from '../ui/problem';

/** Onboarding an organisation: its address, name, first admin and plan; then its provisioning, watched in the list. */
export function Onboard({ stillProvisioning }: { stillProvisioning: (slug: string) => boolean }) {
  const [form, setForm] = useState({ slug: '', name: '', adminEmail: '', plan: 'standard' });
  const create = useOnboard({ onSuccess: () => setForm({ slug: '', name: '', adminEmail: '', plan: 'standard' }) });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form);
  };
  return (
    <Paper component="section" aria-labelledby="create-title" sx={{ p: 2, mt: 2 }}>
      <Typography id="create-title" component="h2" variant="h6">{m.create}</Typography>
      <form onSubmit={submit} noValidate aria-labelledby="create-title">
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
          <TextField label={m.slug} value={form.slug} onChange={set('slug')} {...fieldError(create.error, 'slug')} />
          <TextField label={m.name} value={form.name} onChange={set('name')} {...fieldError(create.error, 'name')} />
          <TextField label={m.adminEmail} type="email" value={form.adminEmail} onChange={set('adminEmail')} {...fieldError(create.error, 'adminEmail')} />
          <TextField label={m.plan} value={form.plan} onChange={set('plan')} {...fieldError(create.error, 'plan')} />
        </Box>
        {problem(create.error)}
        {create.isSuccess && stillProvisioning(create.data.slug) && <Alert severity="info" role="status">{m.watching}</Alert>}
        <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={create.isPending}>{m.submit}</Button>
      </form>
    </Paper>
  );
}
