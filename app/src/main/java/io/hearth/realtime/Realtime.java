package io.hearth.realtime;

import io.hearth.crypto.FieldCipher;
import io.hearth.identity.Role;
import io.hearth.kit.data.AfterCommit;
import io.hearth.realtime.internal.Bus;
import io.hearth.realtime.internal.Envelope;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * How a feature speaks on the real-time socket: once its transaction commits (never if it rolls back), a frame goes
 * to the sockets it is for, on every instance, through the organisation's Redis channel. Frames are sealed in
 * Redis (AES-GCM with the platform's field key, bound to the organisation and the frame's id): they may carry a
 * message's text. A conversation's frames are also kept in its stream by offset, for sockets that come back.
 *
 * <p>Should Redis refuse a publication, it is logged and lost to the sockets, never to the database: a socket sees
 * the gap in the conversation's offsets (or a recovery says {@code recovered: false}) and reads the REST history.
 */
@io.hearth.tenancy.TenantBound
@Singleton
public class Realtime {

    private static final Logger LOG = LoggerFactory.getLogger(Realtime.class);

    private final Bus bus;
    private final FieldCipher cipher;
    private final JsonMapper json;
    private final AfterCommit afterCommit;
    private final Clock clock;

    public Realtime(Bus bus, FieldCipher cipher, JsonMapper json, AfterCommit afterCommit, Clock clock) {
        this.bus = bus;
        this.cipher = cipher;
        this.json = json;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** A conversation's publication at its offset: to its people, and to sockets watching it; kept for recovery. */
    public void publish(Tenant tenant, UUID conversationId, long offset, Collection<UUID> people, Frame frame) {
        Envelope envelope = envelope(tenant.id(), Envelope.Kind.STREAM, conversationId, offset, List.copyOf(people), null, null, frame, true);
        String text = write(envelope);
        afterCommit.run(() -> {
            try {
                bus.publishStream(tenant.id(), conversationId, offset, envelope.at(), text);
            } catch (RuntimeException e) {
                LOG.warn("a {} frame at offset {} of conversation {} was not published; sockets will see the gap and refetch",
                        frame.type(), offset, conversationId, e);
            }
        });
    }

    /** To these people's sockets (not kept: a socket that was away reads it through the API). */
    public void send(Tenant tenant, Collection<UUID> people, Frame frame) {
        later(tenant.id(), envelope(tenant.id(), Envelope.Kind.PEOPLE, null, 0, List.copyOf(people), null, null, frame, true), frame);
    }

    /** To every socket of the organisation, or to those of the holders of a role. */
    public void broadcast(Tenant tenant, @Nullable Role role, Frame frame) {
        later(tenant.id(), envelope(tenant.id(), role == null ? Envelope.Kind.ALL : Envelope.Kind.ROLE, null, 0, null,
                role == null ? null : role.name(), null, frame, true), frame);
    }

    /** Someone types in a conversation: to its people but him, and its watchers (at once, nothing to commit). */
    public void typing(io.hearth.identity.Caller caller, UUID conversationId, Collection<UUID> people, Frame frame) {
        TenantId tenant = caller.tenant().id();
        UUID person = caller.person();
        bus.publish(tenant, write(envelope(tenant, Envelope.Kind.TYPING, conversationId, 0, List.copyOf(people), null, person, frame, false)));
    }

    private void later(TenantId tenant, Envelope envelope, Frame frame) {
        String text = write(envelope);
        afterCommit.run(() -> {
            try {
                bus.publish(tenant, text);
            } catch (RuntimeException e) {
                LOG.warn("a {} frame was not published to the sockets of {}", frame.type(), tenant, e);
            }
        });
    }

    private Envelope envelope(TenantId tenant, Envelope.Kind kind, @Nullable UUID conversationId, long offset, @Nullable List<UUID> to,
                              @Nullable String role, @Nullable UUID subject, Frame frame, boolean seal) {
        String id = UUID.randomUUID().toString();
        String body = write(frame);
        return new Envelope(kind, conversationId, offset, to, role, subject, clock.millis(), id,
                seal ? cipher.seal(body, Hub.associatedData(tenant, id)) : body, seal);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a real-time frame", e);
        }
    }
}
