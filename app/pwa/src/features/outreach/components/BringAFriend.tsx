import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/problem';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { day } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { Pager } from '../../../ui/Pager';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { contactsQuery, CONTACTS_PAGE, useAddContact, useEraseContact } from '../api/outreach';
import type { Contact } from '../api/types';
import { blankContact, contactRequestOf, missingOfContact, nameOf, ORGANISER, type ContactDraft } from '../outreach';

/**
 * /outreach: every member brings friends who said they would like to hear from us (he sees those he brought);
 * organisers (announcements.post) add any man met, with where and how he said yes, and see and erase every contact.
 */
export default function BringAFriend() {
  const { can } = useAuth();
  const organiser = can(ORGANISER);
  return (
    <Page title={t('outreach.title')} actions={organiser && <Button component={Link} to="/outreach/campaigns" variant="outlined">{t('outreach.campaigns.title')}</Button>}>
      <Typography sx={{ mb: 1 }}>{t('outreach.intro')}</Typography>
      <Typography variant="body2" color="text.secondary">{t('outreach.whatHappens')}</Typography>
      <AddContact organiser={organiser} />
      <Contacts organiser={organiser} />
    </Page>
  );
}

function AddContact({ organiser }: { organiser: boolean }) {
  const { me } = useAuth();
  const headingId = useId();
  const consentHelpId = useId();
  const [draft, setDraft] = useState<ContactDraft>(blankContact);
  const [tried, setTried] = useState(false);
  const [added, setAdded] = useState('');
  const add = useAddContact({
    onSuccess: (contact) => {
      setAdded(t('outreach.added', { name: nameOf(contact) }));
      setDraft(blankContact);
      setTried(false);
    },
  });
  const empty = missingOfContact(draft, organiser);
  const set = <K extends keyof ContactDraft>(field: K, value: ContactDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const required = (blank: boolean, field: string, help?: string) => (blank && tried ? { error: true, helperText: t('outreach.form.required') } : fieldProps(add.error, field, help));
  const consentError = tried && empty.consent ? t('outreach.form.consentRequired') : add.error instanceof ApiError ? add.error.fieldError('consent') : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setAdded('');
    if (Object.values(empty).some(Boolean) || add.isPending) {
      return;
    }
    add.mutate(contactRequestOf(draft, organiser, me?.person.id));
  };

  const title = organiser ? t('outreach.form.titleOrganiser') : t('outreach.form.title');
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mt: 3 }}>
      <Typography id={headingId} variant="h2" component="h2">{title}</Typography>
      {organiser && <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>{t('outreach.form.organiserHelp')}</Typography>}
      <form onSubmit={submit} noValidate aria-labelledby={headingId}>
        <TextField
          type="email" label={t('outreach.form.email')} value={draft.email} onChange={(e) => set('email', e.target.value)} required autoComplete="off"
          slotProps={{ htmlInput: { maxLength: 254, inputMode: 'email' } }} {...required(empty.email, 'email')}
        />
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(11rem, 1fr))', columnGap: 1 }}>
          <TextField label={t('outreach.form.firstName')} value={draft.firstName} onChange={(e) => set('firstName', e.target.value)} required autoComplete="off"
            slotProps={{ htmlInput: { maxLength: 100 } }} {...required(empty.firstName, 'firstName')} />
          <TextField label={t('outreach.form.lastName')} value={draft.lastName} onChange={(e) => set('lastName', e.target.value)} autoComplete="off"
            slotProps={{ htmlInput: { maxLength: 100 } }} {...fieldProps(add.error, 'lastName')} />
        </Box>
        {organiser && (
          <>
            <FormControlLabel sx={{ display: 'flex', mr: 0 }} control={<Checkbox checked={draft.mine} onChange={(e) => set('mine', e.target.checked)} />}
              label={t('outreach.form.mine')} />
            <TextField label={t('outreach.form.source')} value={draft.source} onChange={(e) => set('source', e.target.value)} required={!draft.mine}
              slotProps={{ htmlInput: { maxLength: 100 } }} {...required(empty.source, 'source', draft.mine ? t('outreach.form.sourceMine') : t('outreach.form.sourceHelp'))} />
          </>
        )}
        <TextField
          label={organiser ? t('outreach.form.consentNote') : t('outreach.form.note')} value={draft.consentNote} onChange={(e) => set('consentNote', e.target.value)}
          required={organiser} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 500 } }}
          {...required(empty.consentNote, 'consentNote', organiser ? t('outreach.form.consentNoteHelp') : t('outreach.form.noteHelp'))}
        />
        <FormControl error={Boolean(consentError)} sx={{ display: 'block', mt: 1 }}>
          <FormControlLabel
            sx={{ mr: 0, alignItems: 'flex-start', '& .MuiFormControlLabel-label': { pt: 1.25, fontWeight: 600 } }}
            control={<Checkbox checked={draft.consent} onChange={(e) => set('consent', e.target.checked)} required
              slotProps={{ input: { 'aria-describedby': consentHelpId } }} />}
            label={t('outreach.form.consent')}
          />
          <FormHelperText id={consentHelpId} sx={{ mx: 0 }}>{consentError ?? t('outreach.form.consentHelp')}</FormHelperText>
        </FormControl>
        <ProblemAlert error={add.error} />
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
          <Button type="submit" variant="contained" disabled={add.isPending}>{t('outreach.form.submit')}</Button>
        </Box>
        <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500 }}>{added}</Typography>
      </form>
    </Box>
  );
}

/** The friends he brought, or for organisers every contact with where he was met and how he said yes; a page at a time. */
function Contacts({ organiser }: { organiser: boolean }) {
  const headingId = useId();
  const [page, setPage] = useState(0);
  const contacts = useQuery(contactsQuery(page));
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mt: 4 }}>
      <Typography id={headingId} variant="h2" component="h2" sx={{ mb: 1 }}>{organiser ? t('outreach.all') : t('outreach.mine')}</Typography>
      <Loaded query={contacts}>
        {(data) =>
          data.items.length === 0 && page === 0 ? (
            <Typography>{organiser ? t('outreach.none') : t('outreach.noneMine')}</Typography>
          ) : (
            <>
              {organiser && <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('outreach.count', { n: data.totalItems })}</Typography>}
              <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
                {data.items.map((contact) => <li key={contact.id}><ContactCard contact={contact} organiser={organiser} /></li>)}
              </Box>
              {data.totalItems > CONTACTS_PAGE && <Pager page={page} size={CONTACTS_PAGE} totalItems={data.totalItems} onPage={setPage} />}
            </>
          )
        }
      </Loaded>
    </Box>
  );
}

function ContactCard({ contact, organiser }: { contact: Contact; organiser: boolean }) {
  const titleId = useId();
  const [erasing, setErasing] = useState(false);
  const name = nameOf(contact);
  return (
    <Box component="article" aria-labelledby={titleId} sx={{ p: 2, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography id={titleId} variant="h3" component="h3" sx={{ overflowWrap: 'anywhere' }}>{name}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>{contact.email}</Typography>
      <Typography variant="body2">{t('outreach.addedOn', { when: day(contact.createdAt) })}</Typography>
      {organiser && (
        <>
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>{t('outreach.sourceOf', { source: contact.source })}</Typography>
          {contact.invitedByName && <Typography variant="body2">{t('outreach.broughtBy', { name: contact.invitedByName })}</Typography>}
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>{t('outreach.consentOf', { note: contact.consentNote, when: day(contact.consentGivenAt) })}</Typography>
        </>
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mt: 1 }}>
        {contact.member ? <Chip color="success" label={t('outreach.member')} /> : <Chip variant="outlined" label={t('outreach.notMember')} />}
        {contact.unsubscribedAt && <Chip variant="outlined" label={t('outreach.unsubscribed')} />}
        <Box sx={{ flexGrow: 1 }} />
        <Button color="error" onClick={() => setErasing(true)} aria-label={t('outreach.eraseLabel', { name })}>{t('outreach.erase')}</Button>
      </Box>
      {erasing && <Erase contact={contact} onClose={() => setErasing(false)} />}
    </Box>
  );
}

function Erase({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const titleId = useId();
  const erase = useEraseContact({ onSuccess: onClose });
  const name = nameOf(contact);
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('outreach.eraseTitle', { name })}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('outreach.eraseBody')}</DialogContentText>
        <ProblemAlert error={erase.error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('outreach.keep')}</Button>
        <Button color="error" variant="contained" disabled={erase.isPending} onClick={() => erase.mutate(contact.id)}>{t('outreach.erase')}</Button>
      </DialogActions>
    </Dialog>
  );
}
