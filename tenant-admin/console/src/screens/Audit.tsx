import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { auditQuery } from '../api/operators';
import type { AuditEntry } from '../api/types';
import { m } from '../messages';
import { problem } from '../ui/problem';

/** What went wrong at the door: shown in the error colour. */
const ALARMING = new Set(['SIGN_IN_FAILED', 'SECOND_FACTOR_FAILED', 'LOCKED_OUT']);
const newestFirst = (a: AuditEntry, b: AuditEntry) => Date.parse(b.at) - Date.parse(a.at);

/** The operators' sign-in audit: who signed in, who failed, who was locked out, from where. */
export function Audit() {
  const audit = useQuery(auditQuery());
  const entries = audit.data ? [...audit.data.items].sort(newestFirst) : [];
  return (
    <Paper component="section" aria-labelledby="audit-title" sx={{ p: 2, mt: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1 }}>
        <Typography id="audit-title" component="h2" variant="h6">{m.audit}</Typography>
        <Button onClick={() => void audit.refetch()} disabled={audit.isFetching}>{m.refresh}</Button>
      </Box>
      {problem(audit.error)}
      {audit.isPending && <p role="status">{m.loading}</p>}
      {audit.data && (entries.length === 0 ? <Typography>{m.noAudit}</Typography> : (
        <TableContainer tabIndex={0} role="region" aria-label={m.audit} sx={{ maxHeight: 480 }}>
          <Table size="small" stickyHeader aria-label={m.audit}>
            <TableHead>
              <TableRow><TableCell>{m.time}</TableCell><TableCell>{m.email}</TableCell><TableCell>{m.action}</TableCell><TableCell>{m.ip}</TableCell><TableCell>{m.detail}</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {entries.map((entry) => (
                <TableRow key={entry.id} data-action={entry.action}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}><time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time></TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{entry.email}</TableCell>
                  <TableCell sx={ALARMING.has(entry.action) ? { color: 'error.main', fontWeight: 500 } : undefined}>{m.auditActions[entry.action] ?? entry.action}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{entry.ip}</TableCell>
                  <TableCell>{entry.detail}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ))}
    </Paper>
  );
}
