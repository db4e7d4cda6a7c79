import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must } from '../api/client';
import type { Schemas } from '../data';
import { t } from '../i18n/t';
import { fullName } from '../ui/format';
import { Pager } from '../ui/Pager';
import { Loaded, Page, Section } from '../ui/Page';
import { fieldProps, ProblemAlert } from '../ui/Problem';

type Person = Schemas['PersonView'];
type Role = Schemas['Role'];
const ROLES: Role[] = ['MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT'];
const STATUSES = ['', 'PENDING_APPROVAL', 'PENDING_VERIFICATION', 'ACTIVE', 'DEACTIVATED'];

export default function Members() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(0);
  const members = useQuery({
    queryKey: ['members', q, status, page],
    queryFn: () => must(api.GET('/api/v1/members', { params: { query: { q: q || undefined, status: (status || undefined) as Schemas['PersonStatus'] | undefined, page, size: 20 } } })),
  });
  return (
    <Page title={t('admin.members')}>
      <Invite />
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 2 }}>
        <TextField label={t('admin.search')} value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} sx={{ flex: '2 1 200px' }} />
        <TextField select label={t('admin.status')} value={status} onChange={(e) => { setStatus(e.target.value); setPage(0); }} sx={{ flex: '1 1 150px' }}>
          {STATUSES.map((s) => <MenuItem key={s} value={s}>{s ? t('personStatus.' + s) : '—'}</MenuItem>)}
        </TextField>
      </Box>
      <Loaded query={members}>
        {(data) => (
          <>
            <Stack spacing={1.5} sx={{ mt: 2 }}>
              {data.items.map((person) => <PersonCard key={person.id} person={person} />)}
            </Stack>
            <Pager page={page} size={data.size} totalItems={data.totalItems} onPage={setPage} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function PersonCard({ person }: { person: Person }) {
  const queries = useQueryClient();
  const [role, setRole] = useState<Role>('FACILITATOR');
  const [until, setUntil] = useState('');
  const done = () => void queries.invalidateQueries({ queryKey: ['members'] });
  const act = useMutation({
    mutationFn: (action: 'approve' | 'deactivate' | 'reactivate') => {
      const path = { params: { path: { id: person.id } } };
      if (action === 'approve') return must(api.POST('/api/v1/members/{id}/approve', path));
      if (action === 'deactivate') return must(api.POST('/api/v1/members/{id}/deactivate', path));
      return must(api.POST('/api/v1/members/{id}/reactivate', path));
    },
    onSuccess: done,
  });
  const grant = useMutation({
    mutationFn: () => must(api.POST('/api/v1/members/{id}/roles', { params: { path: { id: person.id } }, body: { role, validUntil: until ? new Date(until).toISOString() : null } })),
    onSuccess: done,
  });
  const revoke = useMutation({
    mutationFn: (r: Role) => must(api.DELETE('/api/v1/members/{id}/roles/{role}', { params: { path: { id: person.id, role: r } } })),
    onSuccess: done,
  });
  return (
    <Card variant="outlined" component="article" aria-label={fullName(person)}>
      <CardContent>
        <Typography variant="h3" component="h2">{fullName(person)}</Typography>
        <Typography variant="body2">{person.email}</Typography>
        <Typography variant="body2" data-status={person.status}>{t('personStatus.' + person.status)}</Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
          {person.roles.map((r) => <Chip key={r} label={t('roles.' + r)} onDelete={() => revoke.mutate(r)} aria-label={t('admin.revoke', { role: t('roles.' + r) })} sx={{ height: 44, borderRadius: 22 }} />)}
        </Box>
        {person.status === 'ACTIVE' && (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mt: 1 }}>
            <TextField select label={t('admin.grant')} value={role} onChange={(e) => setRole(e.target.value as Role)} fullWidth={false} sx={{ minWidth: 150 }}>
              {ROLES.map((r) => <MenuItem key={r} value={r}>{t('roles.' + r)}</MenuItem>)}
            </TextField>
            <TextField type="date" label={t('admin.until')} value={until} onChange={(e) => setUntil(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} fullWidth={false} {...fieldProps(grant.error, 'validUntil')} />
            <Button onClick={() => grant.mutate()} disabled={grant.isPending}>{t('admin.grant')}</Button>
          </Box>
        )}
        <ProblemAlert error={act.error ?? grant.error ?? revoke.error} />
      </CardContent>
      <CardActions>
        {person.status === 'PENDING_APPROVAL' && <Button variant="contained" onClick={() => act.mutate('approve')}>{t('admin.approve')}</Button>}
        {person.status === 'ACTIVE' && <Button color="error" onClick={() => act.mutate('deactivate')}>{t('admin.deactivate')}</Button>}
        {person.status === 'DEACTIVATED' && <Button onClick={() => act.mutate('reactivate')}>{t('admin.reactivate')}</Button>}
      </CardActions>
    </Card>
  );
}

function Invite() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const invite = useMutation({ mutationFn: () => must(api.POST('/api/v1/members/invitations', { body: { email, role } })) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return (
    <Section title={t('admin.invite')}>
      <form onSubmit={submit} noValidate>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} sx={{ flex: '2 1 200px' }} {...fieldProps(invite.error, 'email')} />
          <TextField select label={t('admin.roles')} value={role} onChange={(e) => setRole(e.target.value as Role)} sx={{ flex: '1 1 120px' }}>
            {ROLES.map((r) => <MenuItem key={r} value={r}>{t('roles.' + r)}</MenuItem>)}
          </TextField>
          <Button type="submit" variant="contained" disabled={invite.isPending} sx={{ mt: 1 }}>{t('admin.invite')}</Button>
        </Box>
        <ProblemAlert error={invite.error} />
        {invite.isSuccess && <Alert severity="success" role="status">{t('admin.inviteSent', { email: invite.data.email })}</Alert>}
      </form>
    </Section>
  );
}
