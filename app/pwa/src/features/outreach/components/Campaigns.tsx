import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MuiLink from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { day } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { Pager } from '../../../ui/Pager';
import { campaignsQuery } from '../api/outreach';
import type { Campaign } from '../api/types';
import { men, segmentOf } from '../outreach';

/** /outreach/campaigns (organisers): the campaigns, newest first, each with whom it goes to and how many it invited. */
export default function Campaigns() {
  const [page, setPage] = useState(0);
  const campaigns = useQuery(campaignsQuery(page));
  return (
    <Page title={t('outreach.campaigns.title')} actions={<Button component={Link} to="/outreach/campaigns/new" variant="contained">{t('outreach.campaigns.new')}</Button>}>
      <Button component={Link} to="/outreach" sx={{ ml: -1 }}>{'← ' + t('outreach.title')}</Button>
      <Loaded query={campaigns}>
        {(data) =>
          data.items.length === 0 && page === 0 ? (
            <Typography sx={{ my: 1 }}>{t('outreach.campaigns.none')}</Typography>
          ) : (
            <>
              <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
                {data.items.map((campaign) => <li key={campaign.id}><CampaignCard campaign={campaign} /></li>)}
              </Box>
              {data.totalItems > data.size && <Pager page={page} size={data.size} totalItems={data.totalItems} onPage={setPage} />}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

/** A campaign's status as a chip: a draft, or sent. */
export function Status({ campaign }: { campaign: Pick<Campaign, 'status'> }) {
  return campaign.status === 'SENT' ? <Chip color="success" label={t('outreach.campaigns.status.SENT')} /> : <Chip variant="outlined" label={t('outreach.campaigns.status.DRAFT')} />;
}

function CampaignCard({ campaign }: { campaign: Campaign }) {
  const titleId = useId();
  return (
    <Box component="article" aria-labelledby={titleId} sx={{ p: 2, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Typography id={titleId} variant="h3" component="h2" sx={{ flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere', pt: 0.5 }}>
          <MuiLink component={Link} to={'/outreach/campaigns/' + campaign.id} underline="hover">{campaign.title}</MuiLink>
        </Typography>
        <Status campaign={campaign} />
      </Box>
      {campaign.eventTitle && <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>{t('outreach.campaigns.forEvent', { event: campaign.eventTitle })}</Typography>}
      <Typography variant="body2" color="text.secondary">{segmentOf(campaign)}</Typography>
      <Typography variant="body2">
        {campaign.status === 'SENT'
          ? t('outreach.campaigns.invitedOn', { men: men(campaign.invited), when: day(campaign.sentAt) })
          : t('outreach.campaigns.segmentSize', { men: men(campaign.segmentSize) })}
      </Typography>
    </Box>
  );
}
