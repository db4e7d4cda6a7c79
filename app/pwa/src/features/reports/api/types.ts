import type { components } from '../../../api/schema';

/** The schema types of reports that the screens name, each named once here. */
export type TicketReportLine = components['schemas']['TicketReportLine'];
