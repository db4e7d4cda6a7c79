import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { fullName } from '../../../ui/format';
import { Pager } from '../../../ui/Pager';
import { Loaded, Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { membersQuery, useChangeAccount, useInvite } from '../api/members';
import type { Person, Role } from '../api/types';
import { ROLES } from '../roles';

const STATUSES = ['', 'PENDING_APPROVAL', 'PENDING_VERIFICATION', 'ACTIVE', 'DEACTIVATED'];

/** What was typed, once typing has paused: one request per search, not one per key. */
function useSettled(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Everyone, a line each, searched and paged by the server; a man's roles and account are changed on his own page. */
export default function Members() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(0);
  const search = useSettled(q.trim());
  const members = useQuery(membersQuery(search, status, page));
  return (
    <Page title={t('admin.members')}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <TextField label={t('admin.search')} type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} sx={{ flex: '2 1 260px' }} />
        <TextField select label={t('admin.status')} value={status} onChange={(e) => { setStatus(e.target.value); setPage(0); }} sx={{ flex: '1 1 150px' }}>
          {STATUSES.map((s) => <MenuItem key={s} value={s}>{s ? t('personStatus.' + s) : '—'}</MenuItem>)}
        </TextField>
      </Box>
      <Loaded query={members}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <Typography sx={{ mt: 2 }}>{t('admin.noMatch')}</Typography>
            ) : (
              <List sx={{ mt: 1 }} aria-label={t('admin.members')}>
                {data.items.map((person) => <PersonRow key={person.id} person={person} />)}
              </List>
            )}
            <Pager page={page} size={data.size} totalItems={data.totalItems} onPage={setPage} />
          </>
        )}
      </Loaded>
      <Invite />
    </Page>
  );
}

/** His name, address, status and roles, opening his page; a man waiting for approval is approved from the list. */
function PersonRow({ person }: { person: Person }) {
  const approve = useChangeAccount(person.id);
  return (
    <ListItem disablePadding divider>
      <Box component="article" aria-label={fullName(person)} sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', width: '100%' }}>
        <ListItemButton component={Link} to={'/admin/members/' + person.id} sx={{ flex: '1 1 220px', minWidth: 0, display: 'block', py: 1 }}>
          <Typography sx={{ fontWeight: 600 }}>{fullName(person)}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{person.email}</Typography>
          <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center', mt: 0.5 }}>
            <Typography variant="body2" component="span" data-status={person.status} sx={{ mr: 0.5 }}>{t('personStatus.' + person.status)}</Typography>
            {person.roles.map((r) => <Chip key={r} label={t('roles.' + r)} size="small" variant="outlined" />)}
          </Box>
        </ListItemButton>
        {person.status === 'PENDING_APPROVAL' && (
          <Box sx={{ px: 2, pb: { xs: 1, sm: 0 } }}>
            <Button variant="contained" onClick={() => approve.mutate('approve')} disabled={approve.isPending}>{t('admin.approve')}</Button>
          </Box>
        )}
        {approve.error ? <Box sx={{ width: '100%', px: 2 }}><ProblemAlert error={approve.error} /></Box> : null}
      </Box>
    </ListItem>
  );
}

function Invite() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const invite = useInvite();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ email, role });
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
