import AppBar from '@mui/material/AppBar';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Snackbar from '@mui/material/Snackbar';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth';
import { t } from '../i18n/t';
import { menuFor } from '../menu';
import { flushQueue } from '../offline/actions';
import { useOnline, useQueue } from '../offline/status';
import { useUpdatePrompt } from '../pwa';
import { NotificationBell } from './NotificationBell';

const DRAWER = 240;

/**
 * `badges`: a count to show beside a menu entry, by its path; `notifications`: how many he has not read, on the bell
 * (the app layer reads both from the features).
 */
export function Shell({ children, badges = {}, notifications = 0 }: { children: ReactNode; badges?: Record<string, number>; notifications?: number }) {
  const { me, signOut } = useAuth();
  const wide = useMediaQuery('(min-width:960px)');
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const online = useOnline();
  const queue = useQueue();
  const update = useUpdatePrompt();
  useEffect(() => setOpen(false), [location.pathname]);
  // What was done offline is sent as soon as the network is back (and on start, for what an earlier visit left).
  useEffect(() => {
    if (!online) {
      return undefined;
    }
    const send = () => void flushQueue().catch(() => undefined);
    send();
    // What the server could not take just now (a 5xx, a dropped connection) is tried again while the page is open.
    const again = setInterval(send, 30_000);
    return () => clearInterval(again);
  }, [online]);

  const nav = <NavMenu permissions={me?.permissions ?? []} path={location.pathname} badges={badges} onSignOut={() => void signOut()} />;

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar>
          {!wide && (
            <IconButton color="inherit" edge="start" aria-label={t('app.menu')} aria-expanded={open} onClick={() => setOpen(!open)} sx={{ mr: 1 }}>
              <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
                <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
              </svg>
            </IconButton>
          )}
          <Typography component="span" variant="h6" sx={{ flexGrow: 1, fontWeight: 700 }}>
            {t('app.name')}
          </Typography>
          {me && (
            <Typography component="span" variant="body2" sx={{ display: { xs: 'none', sm: 'block' } }}>
              {me.person.firstName} {me.person.lastName}
            </Typography>
          )}
          <NotificationBell count={notifications} current={location.pathname === '/notifications'} />
        </Toolbar>
      </AppBar>
      <Drawer
        variant={wide ? 'permanent' : 'temporary'}
        open={wide || open}
        onClose={() => setOpen(false)}
        sx={{ width: wide ? DRAWER : undefined, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER, boxSizing: 'border-box' } }}
      >
        <Toolbar />
        {nav}
      </Drawer>
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0 }}>
        <Toolbar />
        {!online && (
          <Alert severity="warning" role="status" sx={{ borderRadius: 0 }} data-testid="offline-banner">
            {t('app.offline')}
          </Alert>
        )}
        {queue > 0 && (
          <Alert severity="info" role="status" sx={{ borderRadius: 0 }}>
            {t('app.queued', { n: queue })}
          </Alert>
        )}
        {children}
      </Box>
      <Snackbar
        open={update.waiting}
        message={t('app.update')}
        action={
          <Button color="inherit" onClick={update.apply}>
            {t('app.reload')}
          </Button>
        }
      />
    </Box>
  );
}

/** The menu: one entry per screen the person's permissions open, the current one marked for screen readers, a count where one is given. */
export function NavMenu({ permissions, path, badges = {}, onSignOut }: { permissions: readonly string[]; path: string; badges?: Record<string, number>; onSignOut: () => void }) {
  return (
    <nav aria-label={t('app.menu')}>
      <List>
        {menuFor(permissions).map((item) => {
          const current = item.path === '/' ? path === '/' : path.startsWith(item.path);
          return (
            <ListItem key={item.path} disablePadding>
              <ListItemButton component={Link} to={item.path} selected={current} aria-current={current ? 'page' : undefined}>
                <ListItemText primary={t(item.label)} />
                {(badges[item.path] ?? 0) > 0 && <Badge n={badges[item.path]} />}
              </ListItemButton>
            </ListItem>
          );
        })}
        <ListItem disablePadding>
          <ListItemButton onClick={onSignOut}>
            <ListItemText primary={t('app.signOut')} />
          </ListItemButton>
        </ListItem>
      </List>
    </nav>
  );
}

/** A count beside a menu entry: the number to see, and its words for a screen reader. */
function Badge({ n }: { n: number }) {
  return (
    <Box component="span" sx={{ minWidth: 24, height: 24, px: 0.75, borderRadius: 12, bgcolor: 'primary.main', color: 'primary.contrastText', fontSize: '0.8rem', fontWeight: 700, display: 'inline-flex', alignItems: 'center', justifyContent: 'center' }}>
      <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
      <span className="visually-hidden">{t('app.badge', { n })}</span>
    </Box>
  );
}
