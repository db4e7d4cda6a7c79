import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, type ReactNode } from 'react';
import { useOrganisation } from '../../../api/organisation';

/** The frame of the screens before sign-in: the organisation's name above one card. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const organisation = useOrganisation();
  useEffect(() => {
    document.title = title + ' · Hearth';
  }, [title]);
  return (
    <Box component="main" id="main" sx={{ minHeight: '100vh', display: 'flex', alignItems: 'flex-start', justifyContent: 'center', px: 2, py: 4 }}>
      <Box sx={{ width: '100%', maxWidth: 420 }}>
        <Typography component="p" variant="h6" sx={{ textAlign: 'center', mb: 2, fontWeight: 700, color: 'primary.main' }}>
          {organisation.data?.name ?? 'Hearth'}
        </Typography>
        <Paper component="section" aria-labelledby="page-title" sx={{ p: 3 }} elevation={1}>
          <Typography id="page-title" variant="h1" component="h1" sx={{ mb: 2 }}>
            {title}
          </Typography>
          {children}
        </Paper>
      </Box>
    </Box>
  );
}
