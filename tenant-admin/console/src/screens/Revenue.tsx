import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { revenueQuery } from '../api/billing';
import { m } from '../messages';
import { money } from '../ui/format';
import { problem } from '../ui/problem';

/** The platform's fees per organisation and month: application fees less what refunds gave back. */
export function Revenue({ names }: { names: Record<string, string> }) {
  const revenue = useQuery(revenueQuery());
  return (
    <Paper component="section" aria-labelledby="revenue-title" sx={{ p: 2, mt: 3 }}>
      <Typography id="revenue-title" component="h2" variant="h6">{m.revenue}</Typography>
      {problem(revenue.error)}
      {revenue.data && (revenue.data.rows.length === 0 ? <Typography>{m.noRevenue}</Typography> : (
        <TableContainer tabIndex={0} role="region" aria-label={m.revenue}>
          <Table size="small" aria-label={m.revenue}>
            <TableHead>
              <TableRow><TableCell>{m.month}</TableCell><TableCell>{m.name}</TableCell><TableCell align="right">{m.fees}</TableCell><TableCell align="right">{m.movements}</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {revenue.data.rows.map((row) => (
                <TableRow key={row.tenantId + row.month + row.currency}>
                  <TableCell>{row.month}</TableCell>
                  <TableCell>{names[row.tenantId] ?? row.tenantId}</TableCell>
                  <TableCell align="right">{money(row.feeCents, row.currency)}</TableCell>
                  <TableCell align="right">{row.movements}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ))}
    </Paper>
  );
}
