import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { useKeepCrisisLines } from '../api/crisisLines';

/**
 * The way to Reach out from home, plain and always there. It also keeps the crisis lines on the device, so that they
 * open without a network even if he has never opened Reach out on it.
 */
export function ReachOutButton() {
  useKeepCrisisLines();
  return (
    <Box sx={{ mt: 2 }}>
      <Button component={Link} to="/reach-out" variant="outlined" size="large" sx={{ py: 1.5, width: { xs: '100%', sm: 'auto' }, minWidth: { sm: 240 } }} aria-describedby="reach-out-help">
        {t('safety.reachOut')}
      </Button>
      <Typography id="reach-out-help" variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>{t('safety.reachOutHelp')}</Typography>
    </Box>
  );
}
