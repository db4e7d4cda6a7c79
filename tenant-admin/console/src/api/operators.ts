import { queryOptions } from '@tanstack/react-query';
import { api, must } from './client';
import { consoleKeys } from './keys';

export const getAudit = () => must(api.GET('/api/v1/operators/audit', { params: { query: { limit: 100 } } }));

/** The last 100 lines of the operators' door: who signed in, who failed, who was locked out, from where. */
export const auditQuery = () => queryOptions({ queryKey: consoleKeys.audit(), queryFn: getAudit });
