import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { day } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { campaignQuery, reportQuery, useMarkCame, useSendCampaign } from '../api/outreach';
import type { Campaign as CampaignView, Report as ReportView, ReportLine } from '../api/types';
import { men, NUMBERS, segmentOf, sendQuestion, sentText } from '../outreach';
import { Status } from './Campaigns';

/** /outreach/campaigns/:id (organisers): the campaign, whom it goes to, Send (asked first), and its report. */
export default function Campaign() {
  const id = useParams().id ?? '';
  const campaign = useQuery(campaignQuery(id));
  return (
    <Page title={campaign.data?.title ?? t('outreach.campaigns.one')}>
      <Button component={Link} to="/outreach/campaigns" sx={{ ml: -1 }}>{'← ' + t('outreach.campaigns.all')}</Button>
      <Loaded query={campaign}>
        {(data) => (
          <>
            <About campaign={data} />
            <Send campaign={data} />
            <Report id={data.id} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function About({ campaign }: { campaign: CampaignView }) {
  return (
    <Box sx={{ mt: 1 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Status campaign={campaign} />
        <Typography variant="body2" color="text.secondary">
          {campaign.sentAt ? t('outreach.campaigns.sentOn', { when: day(campaign.sentAt) }) : t('outreach.campaigns.createdOn', { when: day(campaign.createdAt) })}
        </Typography>
      </Box>
      {campaign.eventTitle && <Typography sx={{ mt: 1, overflowWrap: 'anywhere' }}>{t('outreach.campaigns.forEvent', { event: campaign.eventTitle })}</Typography>}
      <Typography sx={{ mt: 1 }}>{segmentOf(campaign)}</Typography>
      <Typography sx={{ fontWeight: 600 }}>{t('outreach.campaigns.segmentSize', { men: men(campaign.segmentSize) })}</Typography>
      {campaign.invited > 0 && <Typography>{t('outreach.campaigns.invitedSoFar', { men: men(campaign.invited) })}</Typography>}
      <Box component="figure" sx={{ m: 0, mt: 2, p: 2, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Typography component="figcaption" variant="body2" color="text.secondary">{t('outreach.campaigns.theMail')}</Typography>
        <Typography sx={{ fontWeight: 600, mt: 0.5, overflowWrap: 'anywhere' }}>{campaign.subject}</Typography>
        <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', mt: 1 }}>{campaign.body}</Typography>
      </Box>
    </Box>
  );
}

/** Send, asked first; each press makes its own Idempotency-Key, so a retry of one press never mails twice. */
function Send({ campaign }: { campaign: CampaignView }) {
  const titleId = useId();
  const [key, setKey] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const send = useSendCampaign({
    onSuccess: (result) => {
      setDone(sentText(result));
      setKey(null);
    },
  });
  const question = sendQuestion(campaign);
  const close = () => {
    setKey(null);
    send.reset();
  };
  const nobody = campaign.segmentSize === 0;
  return (
    <Box sx={{ mt: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Button variant="contained" disabled={nobody} onClick={() => {
          setDone('');
          setKey(crypto.randomUUID());
        }}>
          {campaign.status === 'SENT' ? t('outreach.campaigns.sendAgain') : t('outreach.campaigns.send')}
        </Button>
        {nobody && <Typography variant="body2" color="text.secondary">{t('outreach.campaigns.noOne')}</Typography>}
      </Box>
      <Box role="status" sx={{ mt: done ? 1 : 0 }}>{done && <Alert severity="success">{done}</Alert>}</Box>
      <Dialog open={key !== null} onClose={close} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{question.title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{question.body}</DialogContentText>
          <ProblemAlert error={send.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('outreach.campaigns.cancel')}</Button>
          <Button variant="contained" disabled={send.isPending} onClick={() => key && send.mutate({ id: campaign.id, key })}>{t('outreach.campaigns.confirmSend')}</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

function Report({ id }: { id: string }) {
  const headingId = useId();
  const report = useQuery(reportQuery(id));
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mt: 4 }}>
      <Typography id={headingId} variant="h2" component="h2" sx={{ mb: 1 }}>{t('outreach.report.title')}</Typography>
      <Loaded query={report}>
        {(data) => (
          <>
            <Numbers report={data} />
            <Typography variant="h3" component="h3" sx={{ mt: 3, mb: 1 }}>{t('outreach.report.invitations')}</Typography>
            {data.invitations.length === 0 ? (
              <Typography>{t('outreach.report.none')}</Typography>
            ) : (
              <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
                {data.invitations.map((line) => <li key={line.invitationId}><Invitation campaignId={id} line={line} /></li>)}
              </Box>
            )}
          </>
        )}
      </Loaded>
    </Box>
  );
}

/** The numbers at the top: each a label and its count, three to a row on a phone. */
function Numbers({ report }: { report: ReportView }) {
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(6rem, 1fr))', gap: 1 }}>
      {NUMBERS.map((number) => (
        <Box key={number} sx={{ p: 1, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper', display: 'flex', flexDirection: 'column-reverse' }}>
          <Typography component="dt" variant="body2" color="text.secondary" sx={{ lineHeight: 1.3 }}>{t('outreach.report.' + number)}</Typography>
          <Typography component="dd" sx={{ m: 0, fontSize: '1.5rem', fontWeight: 600, lineHeight: 1.2 }}>{report[number]}</Typography>
        </Box>
      ))}
    </Box>
  );
}

function Invitation({ campaignId, line }: { campaignId: string; line: ReportLine }) {
  const titleId = useId();
  const mark = useMarkCame(campaignId);
  const came = mark.isPending ? Boolean(mark.variables?.came) : line.cameAt !== null && line.cameAt !== undefined;
  const answer = line.rsvp ? t('outreach.report.answer.' + line.rsvp) : t('outreach.report.noAnswer');
  return (
    <Box component="article" aria-labelledby={titleId} sx={{ p: 2, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography id={titleId} variant="h3" component="h4" sx={{ overflowWrap: 'anywhere' }}>{line.name}</Typography>
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
        {line.invitedByName ? t('outreach.report.broughtBy', { name: line.invitedByName }) : t('outreach.report.notBrought')}
      </Typography>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>{t('outreach.report.answered', { answer })}</Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mt: 0.5 }}>
        <FormControlLabel
          sx={{ mr: 'auto' }}
          control={<Switch checked={came} disabled={mark.isPending} onChange={(e) => mark.mutate({ invitationId: line.invitationId, came: e.target.checked })}
            slotProps={{ input: { 'aria-label': t('outreach.report.cameLabel', { name: line.name }) } }} />}
          label={t('outreach.report.came')}
        />
        {line.member && <Chip color="success" label={t('outreach.report.member')} />}
        {line.inCircle && <Chip color="secondary" label={t('outreach.report.inCircle')} />}
      </Box>
      <ProblemAlert error={mark.error} />
    </Box>
  );
}
