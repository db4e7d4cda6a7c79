package io.hearth.identity;

import io.hearth.identity.internal.GrantRepository;
import io.hearth.identity.internal.GrantRow;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A man whose timed role (a facilitator for a season, a PTM for a retreat) is about to end is told some days before
 * ({@code hearth.identity.role-ending-notice}, 7 days), once per end: {@link IdentityEvent.RoleEnding} through the
 * outbox, which notifications turns into a notice. A renewal with a new end tells him again before that one.
 */
@TenantBound
@Singleton
public class RoleEndings {

    static final int BATCH = 200;

    private final GrantRepository grants;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration notice;

    public RoleEndings(GrantRepository grants, Outbox outbox, Clock clock,
                       @Property(name = "hearth.identity.role-ending-notice", defaultValue = "7d") Duration notice) {
        this.grants = grants;
        this.outbox = outbox;
        this.clock = clock;
        this.notice = notice;
    }

    /** Tells the holders of roles ending within the notice period who were not told yet; answers how many (a full batch: call again). */
    @Transactional
    public int tell(Tenant tenant) {
        Instant now = clock.instant();
        List<GrantRow> ending = grants.endingUntold(now, now.plus(notice), BATCH);
        if (ending.isEmpty()) {
            return 0;
        }
        for (GrantRow grant : ending) {
            outbox.publish(new IdentityEvent.RoleEnding(tenant.id(), grant.personId(), Role.valueOf(grant.role()), grant.validUntil()));
        }
        grants.markEndingNoticed(ending.stream().map(GrantRow::id).toList(), now);
        return ending.size();
    }
}
