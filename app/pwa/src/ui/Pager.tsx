import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { t } from '../i18n/t';

/** Previous / page N of M / next, for any paged list of the API (page counts from 0). */
export function Pager({ page, size, totalItems, onPage }: { page: number; size: number; totalItems: number; onPage: (page: number) => void }) {
  return (
    <Box component="nav" aria-label={t('common.pages')} sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2 }}>
      <Button disabled={page === 0} onClick={() => onPage(page - 1)}>{t('common.previous')}</Button>
      <Typography>{t('common.page', { page: page + 1, pages: Math.max(1, Math.ceil(totalItems / size)) })}</Typography>
      <Button disabled={(page + 1) * size >= totalItems} onClick={() => onPage(page + 1)}>{t('common.next')}</Button>
    </Box>
  );
}
