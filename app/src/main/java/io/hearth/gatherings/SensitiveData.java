package io.hearth.gatherings;

import io.hearth.crypto.FieldCipher;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Emergency contacts and medical notes of a registration: sealed at rest (bound to the organisation, the
 * registration and the field), read only by the event's PTMs, leads and care team leads, erased after the
 * event's retention.
 */
@Singleton
public class SensitiveData {

    private final TenantSql sql;
    private final FieldCipher cipher;
    private final Outbox outbox;
    private final Clock clock;

    public SensitiveData(TenantSql sql, FieldCipher cipher, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Emergency contact and medical notes: the event's PTMs, leads and care team leads only. */
    public Registrations.Sensitive sensitive(UUID eventId, UUID registrationId) {
        Caller caller = Caller.require();
        Tenant tenant = TenantScope.require();
        return sql.read(db -> {
            requireSensitiveReader(db, eventId, caller);
            return db.one(SENSITIVE_SELECT + "where id = ? and event_id = ?", rs -> sensitive(rs, tenant), registrationId, eventId)
                    .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
        });
    }

    /** The same for every man with or waiting for a seat, in one read: what staff keep on a device for a retreat. */
    public List<Registrations.Sensitive> sensitiveOfAll(UUID eventId) {
        Caller caller = Caller.require();
        Tenant tenant = TenantScope.require();
        return sql.read(db -> {
            requireSensitiveReader(db, eventId, caller);
            return db.list(SENSITIVE_SELECT + "where event_id = ? and status in ('CONFIRMED', 'PENDING_PAYMENT', 'OFFERED', 'WAITLISTED') order by id",
                    rs -> sensitive(rs, tenant), eventId);
        });
    }

    private static final String SENSITIVE_SELECT = "select id, person_id, sealed_emergency_contact, sealed_medical_notes, sensitive_erased_at from registrations ";

    private static void requireSensitiveReader(TenantSql.Sql db, UUID eventId, Caller caller) {
        if (db.count("select count(*) from event_staff where event_id = ? and person_id = ? and role in ('LEAD', 'PTM', 'CARE_TEAM_LEAD')",
                eventId, caller.person()) == 0) {
            throw Refusal.forbidden("Emergency contacts and medical notes are for the event's PTMs and care team only");
        }
    }

    private Registrations.Sensitive sensitive(ResultSet rs, Tenant tenant) throws SQLException {
        UUID registrationId = rs.getObject(1, UUID.class);
        return new Registrations.Sensitive(registrationId, rs.getObject(2, UUID.class), open(rs.getString(3), tenant, registrationId, "emergency"),
                open(rs.getString(4), tenant, registrationId, "medical"), TenantSql.instant(rs, "sensitive_erased_at"));
    }

    /** Erases emergency contacts and medical notes of events that ended longer ago than their retention; returns how many. */
    public int eraseSensitiveDataDue() {
        Instant now = clock.instant();
        return sql.write(db -> {
            List<UUID> due = db.list("select r.id from registrations r join events e on e.id = r.event_id where r.sensitive_erased_at is null "
                    + "and (r.sealed_emergency_contact is not null or r.sealed_medical_notes is not null) "
                    + "and e.ends_at + make_interval(days => e.sensitive_retention_days) <= ?", rs -> rs.getObject(1, UUID.class), now);
            for (UUID id : due) {
                db.update("update registrations set sealed_emergency_contact = null, sealed_medical_notes = null, sensitive_erased_at = ? where id = ?", now, id);
            }
            if (!due.isEmpty()) {
                outbox.publish(new GatheringEvent.SensitiveDataErased(TenantScope.requireId(), due.size(), now));
            }
            return due.size();
        });
    }

    String seal(@Nullable String value, Tenant tenant, UUID registration, String field) {
        return value == null || value.isBlank() ? null : cipher.seal(value, field + ":" + tenant.id().value() + ":" + registration);
    }

    private String open(@Nullable String sealed, Tenant tenant, UUID registration, String field) {
        return sealed == null ? null : cipher.open(sealed, field + ":" + tenant.id().value() + ":" + registration);
    }
}
