package io.hearth.identity;

import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A man's address bounced for good: it is no longer taken as confirmed, so nothing but account mail (a reset, a
 * confirmation link) is sent to it, his settings show mail as unconfirmed, and he is told in the app
 * ({@link IdentityEvent.EmailBounced}) to check it and confirm it again ({@link SignUp#confirmAgain}).
 */
@TenantBound
@Singleton
public class EmailBounces {

    private final PersonRepository persons;
    private final Audit audit;
    private final Outbox outbox;
    private final Clock clock;

    public EmailBounces(PersonRepository persons, Audit audit, Outbox outbox, Clock clock) {
        this.persons = persons;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Returns whether it was a confirmed address of this organisation's (a second bounce changes nothing). */
    @Transactional
    public boolean bounced(Tenant tenant, String address, String reason) {
        Optional<PersonRow> person = persons.findByEmail(Accounts.normaliseEmail(address));
        if (person.isEmpty() || person.get().emailVerifiedAt() == null) {
            return false;
        }
        persons.unverifyEmail(person.get().id(), clock.instant());
        audit.record(AuditAction.EMAIL_BOUNCED, null, person.get().id(), null, Map.of("reason", reason.length() > 300 ? reason.substring(0, 300) : reason));
        outbox.publish(new IdentityEvent.EmailBounced(tenant.id(), person.get().id()));
        return true;
    }
}
