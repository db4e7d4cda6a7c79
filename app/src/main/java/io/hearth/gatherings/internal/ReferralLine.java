package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** A member and how many registrations named him as the one who brought them. */
@Introspected
public record ReferralLine(UUID personId, String firstName, String lastName, long referrals) {
}
