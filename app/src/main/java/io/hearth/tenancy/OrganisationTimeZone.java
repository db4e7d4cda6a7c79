package io.hearth.tenancy;

/**
 * The time zone of the organisation in scope (an IANA id such as Europe/London). Implemented by identity, which keeps
 * it with the organisation's settings, so that tenancy's organisation endpoint can answer it without depending on identity.
 */
public interface OrganisationTimeZone {

    String timeZone();
}
