import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { Pager } from '../../../ui/Pager';
import { categoriesQuery, queueQuery } from '../api/helpdesk';
import type { QueueFilter } from '../api/keys';
import { filterOf, paramsOf, STATUSES, statusLabel } from '../helpdesk';
import { HelpNav, TicketCards } from './TicketList';

/**
 * /helpdesk: the queue he handles (support's, care's, or both), the active first, narrowed by status, whose and
 * category. The filters live in the address, so that coming back from a ticket finds them as they were.
 */
export default function Queue() {
  const { me, can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const queue = useQuery(queueQuery(filter, me?.person.id));
  const categories = useQuery(categoriesQuery());
  const change = (next: Partial<QueueFilter>) => setParams(paramsOf({ ...filter, page: 0, ...next }), { replace: true });
  const select = { select: { native: true }, inputLabel: { shrink: true } } as const;
  return (
    <Page
      title={t('helpdesk.queue.title')}
      actions={can('organisation.manage') && <Button component={Link} to="/helpdesk/categories" variant="outlined">{t('helpdesk.categories.link')}</Button>}
    >
      <HelpNav current="/helpdesk" />
      <Box role="search" aria-label={t('helpdesk.queue.filters')} sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(9.5rem, 1fr))', columnGap: 1 }}>
        <TextField select label={t('helpdesk.queue.status')} value={filter.status ?? ''} onChange={(e) => change({ status: e.target.value || undefined })} slotProps={select}>
          <option value="">{t('helpdesk.queue.anyStatus')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s, true)}</option>)}
        </TextField>
        <TextField
          select label={t('helpdesk.queue.who')} value={filter.who ?? ''} onChange={(e) => change({ who: (e.target.value || undefined) as QueueFilter['who'] })} slotProps={select}
        >
          <option value="">{t('helpdesk.queue.anyone')}</option>
          <option value="unassigned">{t('helpdesk.queue.unassigned')}</option>
          <option value="mine">{t('helpdesk.queue.mine')}</option>
        </TextField>
        <TextField select label={t('helpdesk.queue.category')} value={filter.categoryId ?? ''} onChange={(e) => change({ categoryId: e.target.value || undefined })} slotProps={select}>
          <option value="">{t('helpdesk.queue.anyCategory')}</option>
          {(categories.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </TextField>
      </Box>
      <Loaded query={queue}>
        {(page) =>
          page.items.length === 0 ? (
            <Typography sx={{ mt: 2 }}>{t('helpdesk.queue.none')}</Typography>
          ) : (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>{t('helpdesk.queue.count', { n: page.totalItems })}</Typography>
              <TicketCards tickets={page.items} asHandler level="h2" />
              {page.totalItems > page.size && <Pager page={page.page} size={page.size} totalItems={page.totalItems} onPage={(p) => change({ page: p })} />}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
