import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { Pager } from '../../../ui/Pager';
import { myTicketsQuery } from '../api/helpdesk';
import { HelpNav, TicketCards } from './TicketList';

/** /tickets: "Help", the requests he has made (the open ones first) and a way to make a new one. */
export default function Tickets() {
  const [page, setPage] = useState(0);
  const tickets = useQuery(myTicketsQuery(page));
  return (
    <Page title={t('helpdesk.title')} actions={<Button component={Link} to="/tickets/new" variant="contained">{t('helpdesk.new')}</Button>}>
      <HelpNav current="/tickets" />
      <Typography sx={{ mb: 2 }}>{t('helpdesk.intro')}</Typography>
      <Typography variant="h2" component="h2" sx={{ mb: 1 }}>{t('helpdesk.mine')}</Typography>
      <Loaded query={tickets}>
        {(data) =>
          data.items.length === 0 ? (
            <Typography>{t('helpdesk.none')}</Typography>
          ) : (
            <>
              <TicketCards tickets={data.items} asHandler={false} level="h3" />
              {data.totalItems > data.size && <Pager page={data.page} size={data.size} totalItems={data.totalItems} onPage={setPage} />}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
