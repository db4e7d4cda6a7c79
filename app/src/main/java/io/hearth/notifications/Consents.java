package io.hearth.notifications;

import io.hearth.identity.ConsentHistory;
import io.hearth.notifications.internal.ConsentRepository;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The record of each consent a man gave or withdrew to be reached on a channel: when, for which kind (or every kind),
 * and how. Written with the change it records, never changed afterwards; shown in his export.
 */
@TenantBound
@Singleton
public class Consents implements ConsentHistory {

    private final ConsentRepository consents;
    private final Clock clock;

    public Consents(ConsentRepository consents, Clock clock) {
        this.consents = consents;
        this.clock = clock;
    }

    /** Records that he gave ({@code given}) or withdrew his consent; a null kind is every kind on the channel. */
    @Transactional
    public void record(Tenant tenant, UUID person, Channel channel, @Nullable NotificationKind kind, boolean given, ConsentSource how) {
        consents.add(person, channel.name(), kind == null ? null : kind.name(), given, clock.instant(), how.code());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Consent> of(Tenant tenant, UUID person) {
        return consents.of(person).stream()
                .map(row -> new Consent(row.channel(), row.kind(), row.given(), row.at(), row.how())).toList();
    }

    /**
     * Whether each of these men agreed to hear by mail, as the latest record for every kind on the channel says: true
     * given, false withdrawn, absent when nothing is recorded. One query however many.
     */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Boolean> latest(Tenant tenant, java.util.Collection<UUID> people, Channel channel) {
        java.util.Map<UUID, Boolean> latest = new java.util.HashMap<>();
        if (!people.isEmpty()) {
            consents.latestOf(people.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",")), channel.name())
                    .forEach(row -> latest.put(row.personId(), row.given()));
        }
        return latest;
    }
}
