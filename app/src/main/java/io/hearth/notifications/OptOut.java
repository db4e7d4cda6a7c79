package io.hearth.notifications;

import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * What an unsubscribe link asks: that this man of this organisation gets no more mail of this kind, or of any kind
 * but the must-reach one when {@code kind} is null. Its bytes are what the link signs: the organisation's and the
 * man's ids (16 bytes each), then the kind's name (nothing for every kind).
 */
public record OptOut(TenantId tenant, UUID person, @Nullable NotificationKind kind) {

    public OptOut {
        if (kind != null && kind.safety()) {
            throw new IllegalArgumentException("a must-reach notification cannot be unsubscribed from");
        }
    }

    /** Every kind of notification mail. */
    public boolean everyKind() {
        return kind == null;
    }

    byte[] bytes() {
        byte[] name = kind == null ? new byte[0] : kind.name().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(32 + name.length)
                .putLong(tenant.value().getMostSignificantBits()).putLong(tenant.value().getLeastSignificantBits())
                .putLong(person.getMostSignificantBits()).putLong(person.getLeastSignificantBits())
                .put(name).array();
    }

    /** The opt-out these bytes name, or empty when they name none (a kind that is gone, or the must-reach one). */
    static Optional<OptOut> of(byte[] bytes) {
        if (bytes.length < 32) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        TenantId tenant = new TenantId(new UUID(buffer.getLong(), buffer.getLong()));
        UUID person = new UUID(buffer.getLong(), buffer.getLong());
        if (bytes.length == 32) {
            return Optional.of(new OptOut(tenant, person, null));
        }
        String name = new String(bytes, 32, bytes.length - 32, StandardCharsets.US_ASCII);
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind.name().equals(name) && !kind.safety()) {
                return Optional.of(new OptOut(tenant, person, kind));
            }
        }
        return Optional.empty();
    }
}
