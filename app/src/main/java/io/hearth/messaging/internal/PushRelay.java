package io.hearth.messaging.internal;

import io.hearth.crypto.FieldCipher;
import io.hearth.messaging.PushEndpointGone;
import io.hearth.tenancy.TenantId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends queued web pushes, as {@link TextRelay} sends texts: one the push service cannot take now waits
 * {@code retry-base}, then twice as long each time up to {@code retry-max}, until it expires. A 404 or 410 means the
 * device's subscription is gone: the push is given up and the subscription dropped at once ({@link PushEndpointGone}).
 */
@Context
public class PushRelay extends Relay<OutgoingPushTable.Due> {

    private static final Logger LOG = LoggerFactory.getLogger(PushRelay.class);

    private final PushServiceApi service;
    private final FieldCipher cipher;
    private final Provider<PushEndpointGone> gone;
    private final Clock clock;

    public PushRelay(TransactionOperations<Connection> tx, io.hearth.kit.data.Databases databases, PushServiceApi service, FieldCipher cipher, Provider<PushEndpointGone> gone, Clock clock,
                     @Property(name = "hearth.push.interval", defaultValue = "1s") Duration interval,
                     @Property(name = "hearth.push.retry-base", defaultValue = "2s") Duration retryBase,
                     @Property(name = "hearth.push.retry-max", defaultValue = "5m") Duration retryMax) {
        super(tx, databases, "push-relay", LOG, interval, retryBase, retryMax);
        this.service = service;
        this.cipher = cipher;
        this.gone = gone;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        startSending();
    }

    @PreDestroy
    void stop() {
        stopSending();
    }

    @Override
    List<OutgoingPushTable.Due> claimDue(Connection connection, int limit) {
        return OutgoingPushTable.claimDue(connection, limit);
    }

    @Override
    void attempt(Connection connection, OutgoingPushTable.Due push, List<Runnable> afterCommit) {
        Instant now = clock.instant();
        if (!now.isBefore(push.expiresAt())) {
            LOG.warn("gave up push {} after {} attempts: it expired before the push service took it", push.id(), push.attempts());
            OutgoingPushTable.giveUp(connection, push.id(), "expired before it could be sent");
            return;
        }
        byte[] payload = cipher.open(push.sealedPayload(), OutgoingPushTable.associatedData(push.endpoint())).getBytes(StandardCharsets.UTF_8);
        PushServiceApi.Answer answer;
        try {
            answer = service.send(push.endpoint(), push.p256dh(), push.auth(), payload, Duration.between(now, push.expiresAt()), push.urgency());
        } catch (IllegalArgumentException e) {
            answer = new PushServiceApi.Answer(PushServiceApi.Outcome.REFUSED, "cannot encrypt for this device: " + e.getMessage());
        }
        switch (answer.outcome()) {
            case TAKEN -> OutgoingPushTable.markSent(connection, push.id());
            case GONE -> {
                OutgoingPushTable.giveUp(connection, push.id(), "subscription gone: " + answer.detail());
                TenantId tenant = new TenantId(push.tenantId());
                String endpoint = push.endpoint();
                afterCommit.add(() -> gone.get().gone(tenant, endpoint));
            }
            case REFUSED -> {
                LOG.warn("push {} refused for good by its push service: {}", push.id(), answer.detail());
                OutgoingPushTable.giveUp(connection, push.id(), answer.detail());
            }
            case LATER -> {
                Duration wait = backoff(push.attempts());
                LOG.warn("could not send push {} (attempt {}); next try in {}: {}", push.id(), push.attempts() + 1, wait, answer.detail());
                OutgoingPushTable.retryAt(connection, push.id(), now.plus(wait), answer.detail());
            }
        }
    }
}
