package io.hearth.gatherings;

import io.hearth.crypto.FieldCipher;
import io.hearth.gatherings.internal.SealedLine;
import io.hearth.gatherings.internal.SensitiveDataRepository;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Emergency contacts and medical notes of a registration: sealed at rest (bound to the organisation, the
 * registration and the field), read only by the event's PTMs, leads and care team leads, erased after the
 * event's retention.
 */
@TenantBound
@Singleton
public class SensitiveData {

    private final SensitiveDataRepository sealed;
    private final FieldCipher cipher;
    private final Audit audit;
    private final Outbox outbox;
    private final Clock clock;

    public SensitiveData(SensitiveDataRepository sealed, FieldCipher cipher, Audit audit, Outbox outbox, Clock clock) {
        this.sealed = sealed;
        this.audit = audit;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Emergency contact and medical notes: the event's PTMs, leads and care team leads only, while they hold a role
     * with {@code events.staff}. Every read is in the audit log: who, when, which registration of which event.
     */
    @Transactional
    public Registrations.Sensitive sensitive(Caller caller, UUID eventId, UUID registrationId) {
        Tenant tenant = caller.tenant();
        requireSensitiveReader(eventId, caller);
        SealedLine line = sealed.findOne(eventId, registrationId)
                .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
        audited(caller, eventId, List.of(line));
        return opened(line, tenant);
    }

    /** The same for every man with or waiting for a seat, in one read: what staff keep on a device for a retreat. */
    @Transactional
    public List<Registrations.Sensitive> sensitiveOfAll(Caller caller, UUID eventId) {
        Tenant tenant = caller.tenant();
        requireSensitiveReader(eventId, caller);
        List<SealedLine> lines = sealed.findOfEvent(eventId);
        audited(caller, eventId, lines);
        return lines.stream().map(line -> opened(line, tenant)).toList();
    }

    /** One audit entry per registration read, aimed at the man whose data it is. */
    private void audited(Caller caller, UUID eventId, List<SealedLine> lines) {
        for (SealedLine line : lines) {
            audit.byCaller(caller, AuditAction.SENSITIVE_DATA_READ, line.personId(), Map.of("eventId", eventId, "registrationId", line.id()));
        }
    }

    private void requireSensitiveReader(UUID eventId, Caller caller) {
        if (!caller.can(Permission.EVENTS_STAFF) || !sealed.mayRead(eventId, caller.person())) {
            throw Refusal.forbidden("Emergency contacts and medical notes are for the event's PTMs and care team only");
        }
    }

    private Registrations.Sensitive opened(SealedLine line, Tenant tenant) {
        return new Registrations.Sensitive(line.id(), line.personId(), open(line.sealedEmergencyContact(), tenant, line.id(), "emergency"),
                open(line.sealedMedicalNotes(), tenant, line.id(), "medical"), line.sensitiveErasedAt());
    }

    /** Erases emergency contacts and medical notes of events that ended longer ago than their retention; returns how many. */
    @Transactional
    public int eraseSensitiveDataDue(Tenant tenant) {
        Instant now = clock.instant();
        int erased = sealed.eraseDue(now);
        if (erased > 0) {
            outbox.publish(new GatheringEvent.SensitiveDataErased(tenant.id(), erased, now));
        }
        return erased;
    }

    String seal(@Nullable String value, Tenant tenant, UUID registration, String field) {
        return value == null || value.isBlank() ? null : cipher.seal(value, field + ":" + tenant.id().value() + ":" + registration);
    }

    private String open(@Nullable String sealed, Tenant tenant, UUID registration, String field) {
        return sealed == null ? null : cipher.open(sealed, field + ":" + tenant.id().value() + ":" + registration);
    }
}
