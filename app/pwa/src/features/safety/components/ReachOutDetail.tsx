import Button from '@mui/material/Button';
import { Link, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { useReachOut } from '../api/reachOuts';
import { AlertedReachOut, OwnReachOut } from './ReachOutCards';

/** One reach-out (where a safety notification about it lands), read again every 15 seconds: his own, or one he was alerted to. */
export default function ReachOutDetail() {
  const { id = '' } = useParams();
  const reachOut = useReachOut(id);
  const title = reachOut.data ? (reachOut.data.mine ? t('safety.detailMine') : t('safety.detailTitle', { name: reachOut.data.from.name })) : t('safety.reachOut');
  return (
    <Page title={title} actions={<Button component={Link} to="/reach-out">{t('safety.reachOut')}</Button>}>
      <Loaded query={reachOut}>{(data) => (data.mine ? <OwnReachOut reachOut={data} /> : <AlertedReachOut reachOut={data} />)}</Loaded>
    </Page>
  );
}
