import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of the help desk, each named once here: the rest of the feature imports these names. */
export type Ticket = Schemas['HelpdeskTicket'];
export type TicketMessage = Schemas['TicketMessage'];
export type TicketStatus = Schemas['TicketStatus'];
export type TicketPage = Schemas['Paged_Tickets.Ticket_'];
export type ServiceLevel = Schemas['TicketServiceLevel'];
export type Category = Schemas['TicketCategory'];
export type CategoryRequest = Schemas['TicketCategoryRequest'];
/** A man who may be assigned a ticket, as the members directory lists him. */
export type Person = Schemas['PersonView'];
export type Role = Schemas['Role'];
