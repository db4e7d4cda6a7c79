package io.hearth.tenancy;

/**
 * In-process: an operator asked for a new invitation for an organisation's first admin (tenant-admin's
 * {@code FirstAdminInvitationResent}). Published synchronously inside the transaction that records the event as
 * processed, so the invitation and that record commit together.
 */
public record FirstAdminReinvited(Tenant tenant, String adminEmail) {
}
