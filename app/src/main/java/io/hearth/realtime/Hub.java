package io.hearth.realtime;

import io.hearth.crypto.FieldCipher;
import io.hearth.identity.Caller;
import io.hearth.identity.Role;
import io.hearth.realtime.internal.Bus;
import io.hearth.realtime.internal.Envelope;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's sockets, by organisation and person, and what each watches; what arrives on an organisation's
 * channel goes to the sockets it is for. The first socket of an organisation here subscribes to its channel (the
 * registration returns once Redis confirmed, so nothing published after it is missed); the last one unsubscribes.
 */
@TenantBound
// Made at start-up, so that its socket count is scraped from the first minute.
@io.micronaut.context.annotation.Context
public class Hub {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    /** A signed-in socket, as the hub sees it. */
    public interface Subscriber {

        /** Who it acts for now (roles as last rechecked). */
        Caller caller();

        /**
         * Delivers a frame.
         *
         * @param conversationId the conversation of a kept publication, else null
         * @param offset         its offset (0 for frames that are not kept)
         */
        void deliver(@Nullable UUID conversationId, long offset, String frame);
    }

    private static final class Local {
        final Map<UUID, Set<Subscriber>> byPerson = new ConcurrentHashMap<>();
        final Map<UUID, Set<Subscriber>> watchers = new ConcurrentHashMap<>();
        final Map<UUID, Set<Subscriber>> presenceWatchers = new ConcurrentHashMap<>();
        final Set<Subscriber> all = ConcurrentHashMap.newKeySet();
    }

    private final Bus bus;
    private final FieldCipher cipher;
    private final JsonMapper json;
    private final Map<TenantId, Local> tenants = new ConcurrentHashMap<>();

    public Hub(Bus bus, FieldCipher cipher, JsonMapper json, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.bus = bus;
        this.cipher = cipher;
        this.json = json;
        io.micrometer.core.instrument.Gauge.builder("hearth.realtime.sockets", tenants, Hub::sockets)
                .description("Signed-in real-time sockets open on this instance").register(metrics);
    }

    /** The sockets open here, over every organisation (a count, with no organisation's name on it). */
    static double sockets(Map<TenantId, Local> tenants) {
        return tenants.values().stream().mapToInt(local -> local.all.size()).sum();
    }

    @PostConstruct
    void listen() {
        bus.listen(this::arrived);
    }

    static String associatedData(TenantId tenant, String envelopeId) {
        return "realtime:" + tenant.value() + ":" + envelopeId;
    }

    /** Adds a signed-in socket; blocks until its organisation's channel is listened to. */
    public void register(Caller caller, Subscriber subscriber) {
        TenantId tenant = caller.tenant().id();
        synchronized (this) {
            Local local = tenants.get(tenant);
            if (local == null) {
                bus.subscribe(tenant);
                local = new Local();
                tenants.put(tenant, local);
            }
            local.all.add(subscriber);
            local.byPerson.computeIfAbsent(caller.person(), p -> ConcurrentHashMap.newKeySet()).add(subscriber);
        }
    }

    /** Removes a socket and everything it watched. */
    public void unregister(Caller caller, Subscriber subscriber) {
        TenantId tenant = caller.tenant().id();
        UUID person = caller.person();
        synchronized (this) {
            Local local = tenants.get(tenant);
            if (local == null || !local.all.remove(subscriber)) {
                return;
            }
            remove(local.byPerson, person, subscriber);
            local.watchers.values().forEach(set -> set.remove(subscriber));
            local.watchers.values().removeIf(Set::isEmpty);
            local.presenceWatchers.values().forEach(set -> set.remove(subscriber));
            local.presenceWatchers.values().removeIf(Set::isEmpty);
            if (local.all.isEmpty()) {
                tenants.remove(tenant);
                bus.unsubscribe(tenant);
            }
        }
    }

    /** The socket also receives a conversation's publications (one who reads it without being one of its people). */
    public void watch(Caller caller, Subscriber subscriber, UUID conversationId) {
        Local local = tenants.get(caller.tenant().id());
        if (local != null && local.all.contains(subscriber)) {
            local.watchers.computeIfAbsent(conversationId, c -> ConcurrentHashMap.newKeySet()).add(subscriber);
        }
    }

    public void unwatch(Caller caller, Subscriber subscriber, UUID conversationId) {
        Local local = tenants.get(caller.tenant().id());
        if (local != null) {
            remove(local.watchers, conversationId, subscriber);
        }
    }

    /** The socket receives the presence of these people (and of no one it watched before). */
    public void watchPresence(Caller caller, Subscriber subscriber, Collection<UUID> before, Collection<UUID> people) {
        Local local = tenants.get(caller.tenant().id());
        if (local == null || !local.all.contains(subscriber)) {
            return;
        }
        before.forEach(person -> remove(local.presenceWatchers, person, subscriber));
        people.forEach(person -> local.presenceWatchers.computeIfAbsent(person, p -> ConcurrentHashMap.newKeySet()).add(subscriber));
    }

    /** How many sockets this instance holds for a man. */
    public int sockets(TenantId tenant, UUID person) {
        Local local = tenants.get(tenant);
        Set<Subscriber> his = local == null ? null : local.byPerson.get(person);
        return his == null ? 0 : his.size();
    }

    private static void remove(Map<UUID, Set<Subscriber>> index, UUID key, Subscriber subscriber) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * What a conversation's stream kept after an offset, for one man, as frames, if it holds every publication from
     * there to the stream's last offset (waiting up to half a second for publications still on their way); empty when
     * it does not (a gap): the client then reads the REST history.
     */
    public Optional<List<String>> replay(Caller caller, RealtimeStreams.Stream stream, long after) {
        TenantId tenant = caller.tenant().id();
        UUID person = caller.person();
        for (int attempt = 0; attempt < 6; attempt++) {
            List<Bus.Kept> kept = bus.after(tenant, stream.conversationId(), after);
            Set<Long> offsets = new HashSet<>();
            kept.forEach(k -> offsets.add(k.offset()));
            long firstMissing = -1;
            for (long offset = after + 1; offset <= stream.lastOffset(); offset++) {
                if (!offsets.contains(offset)) {
                    firstMissing = offset;
                    break;
                }
            }
            boolean complete = firstMissing < 0;
            if (complete) {
                List<String> frames = new ArrayList<>();
                for (Bus.Kept k : kept) {
                    if (k.offset() > stream.lastOffset()) {
                        break;
                    }
                    Envelope envelope = read(k.envelope());
                    if (stream.wholeHistory() || (envelope.to() != null && envelope.to().contains(person))) {
                        frames.add(open(tenant, envelope));
                    }
                }
                return Optional.of(frames);
            }
            // Trimmed (or lost) before what is kept: no wait brings it back. Missing at the end: it may be on its way.
            if (attempt == 5 || (!kept.isEmpty() && firstMissing < kept.get(0).offset())) {
                return Optional.empty();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Envelope read(String envelope) {
        try {
            return json.readValue(envelope, Envelope.class);
        } catch (IOException e) {
            throw new IllegalStateException("a kept real-time publication could not be read", e);
        }
    }

    private String open(TenantId tenant, Envelope envelope) {
        return envelope.sealed() ? cipher.open(envelope.frame(), associatedData(tenant, envelope.id())) : envelope.frame();
    }

    private void arrived(TenantId tenant, String message) {
        Local local = tenants.get(tenant);
        if (local == null) {
            return;
        }
        Envelope envelope;
        String frame;
        try {
            envelope = json.readValue(message, Envelope.class);
            frame = open(tenant, envelope);
        } catch (IOException | RuntimeException e) {
            LOG.warn("a real-time message for {} could not be read; dropped", tenant, e);
            return;
        }
        for (Subscriber subscriber : targets(local, envelope)) {
            subscriber.deliver(envelope.kind() == Envelope.Kind.STREAM ? envelope.conversationId() : null, envelope.offset(), frame);
        }
    }

    private static Set<Subscriber> targets(Local local, Envelope envelope) {
        Set<Subscriber> targets = new HashSet<>();
        switch (envelope.kind()) {
            case STREAM, PEOPLE, TYPING -> {
                for (UUID person : envelope.to() == null ? List.<UUID>of() : envelope.to()) {
                    targets.addAll(local.byPerson.getOrDefault(person, Set.of()));
                }
                if (envelope.kind() != Envelope.Kind.PEOPLE && envelope.conversationId() != null) {
                    targets.addAll(local.watchers.getOrDefault(envelope.conversationId(), Set.of()));
                }
                if (envelope.kind() == Envelope.Kind.TYPING) {
                    targets.removeIf(subscriber -> subscriber.caller().person().equals(envelope.subject()));
                }
            }
            case ALL -> targets.addAll(local.all);
            case ROLE -> {
                Role role = Role.valueOf(envelope.role());
                local.all.stream().filter(subscriber -> subscriber.caller().roles().contains(role)).forEach(targets::add);
            }
            case PRESENCE -> targets.addAll(local.presenceWatchers.getOrDefault(envelope.subject(), Set.of()));
        }
        return targets;
    }
}
