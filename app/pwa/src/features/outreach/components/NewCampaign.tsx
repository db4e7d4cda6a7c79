import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Page } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { contactsQuery, useCreateCampaign } from '../api/outreach';
import { blankCampaign, campaignRequestOf, missingOfCampaign, ORGANISER, type CampaignDraft } from '../outreach';

/** An evening a campaign may invite to, as the events feature knows it (the route passes them in). */
export interface EventChoice {
  id: string;
  name: string;
}

/**
 * /outreach/campaigns/new (organisers): a campaign as a draft, its mail, the evening it invites to and whom it goes
 * to. `events`: the coming events; undefined while they load.
 */
export default function NewCampaign({ events }: { events: EventChoice[] | undefined }) {
  const { can } = useAuth();
  return (
    <Page title={t('outreach.campaigns.new')}>
      <Button component={Link} to="/outreach/campaigns" sx={{ ml: -1 }}>{'← ' + t('outreach.campaigns.all')}</Button>
      {can(ORGANISER) ? <CampaignForm events={events} /> : <Alert severity="info">{t('outreach.campaigns.form.notAllowed')}</Alert>}
    </Page>
  );
}

function CampaignForm({ events }: { events: EventChoice[] | undefined }) {
  const navigate = useNavigate();
  const sourcesId = useId();
  const [draft, setDraft] = useState<CampaignDraft>(blankCampaign);
  const [tried, setTried] = useState(false);
  // The sources contacts were met at, to pick one from as he types (the newest contacts': the list is a help, not a rule).
  const contacts = useQuery(contactsQuery(0, 100));
  const sources = [...new Set((contacts.data?.items ?? []).map((c) => c.source))].sort();
  const create = useCreateCampaign({ onSuccess: (campaign) => navigate('/outreach/campaigns/' + campaign.id, { replace: true }) });
  const empty = missingOfCampaign(draft);
  const set = <K extends keyof CampaignDraft>(field: K, value: CampaignDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const required = (blank: boolean, field: string, help?: string) => (blank && tried ? { error: true, helperText: t('outreach.form.required') } : fieldProps(create.error, field, help));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.values(empty).some(Boolean) || create.isPending) {
      return;
    }
    create.mutate(campaignRequestOf(draft));
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('outreach.campaigns.new')}>
      <TextField label={t('outreach.campaigns.form.title')} value={draft.title} onChange={(e) => set('title', e.target.value)} required
        slotProps={{ htmlInput: { maxLength: 200 } }} {...required(empty.title, 'title', t('outreach.campaigns.form.titleHelp'))} />
      <TextField label={t('outreach.campaigns.form.subject')} value={draft.subject} onChange={(e) => set('subject', e.target.value)} required
        slotProps={{ htmlInput: { maxLength: 200 } }} {...required(empty.subject, 'subject')} />
      <TextField label={t('outreach.campaigns.form.body')} value={draft.body} onChange={(e) => set('body', e.target.value)} required multiline minRows={5}
        slotProps={{ htmlInput: { maxLength: 20000 } }} {...required(empty.body, 'body', t('outreach.campaigns.form.bodyHelp'))} />
      <TextField
        select label={t('outreach.campaigns.form.event')} value={draft.eventId} onChange={(e) => set('eventId', e.target.value)} disabled={events === undefined}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} {...fieldProps(create.error, 'eventId', t('outreach.campaigns.form.eventHelp'))}
      >
        <option value="">{events === undefined ? t('app.loading') : t('outreach.campaigns.form.noEvent')}</option>
        {(events ?? []).map((event) => <option key={event.id} value={event.id}>{event.name}</option>)}
      </TextField>
      <TextField label={t('outreach.campaigns.form.source')} value={draft.segmentSource} onChange={(e) => set('segmentSource', e.target.value)}
        slotProps={{ htmlInput: { maxLength: 100, list: sourcesId } }} {...fieldProps(create.error, 'segmentSource', t('outreach.campaigns.form.sourceHelp'))} />
      <datalist id={sourcesId}>{sources.map((source) => <option key={source} value={source} />)}</datalist>
      <FormControlLabel sx={{ display: 'flex', mr: 0 }} control={<Checkbox checked={draft.invitedOnly} onChange={(e) => set('invitedOnly', e.target.checked)} />}
        label={t('outreach.campaigns.form.invitedOnly')} />
      <ProblemAlert error={create.error} />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
        <Button type="submit" variant="contained" disabled={create.isPending}>{t('outreach.campaigns.form.create')}</Button>
      </Box>
    </form>
  );
}
