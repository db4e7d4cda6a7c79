package io.hearth.messaging.internal;

import io.hearth.crypto.FieldCipher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends queued text messages, as {@link MailRelay} sends mail: a text the provider refuses or cannot take waits
 * {@code retry-base}, then twice as long each time up to {@code retry-max}, until it expires; an expired text is given
 * up (logged), never sent late. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Context
public class TextRelay extends Relay<OutgoingTextTable.Due> {

    private static final Logger LOG = LoggerFactory.getLogger(TextRelay.class);

    private final TwilioApi provider;
    private final FieldCipher cipher;
    private final Clock clock;
    private final SendingNumberTable numbers;

    public TextRelay(TransactionOperations<Connection> tx, io.hearth.kit.data.Databases databases, TwilioApi provider, FieldCipher cipher, Clock clock,
                     SendingNumberTable numbers,
                     @Property(name = "hearth.sms.interval", defaultValue = "1s") Duration interval,
                     @Property(name = "hearth.sms.retry-base", defaultValue = "2s") Duration retryBase,
                     @Property(name = "hearth.sms.retry-max", defaultValue = "30s") Duration retryMax) {
        super(tx, databases, "text-relay", LOG, interval, retryBase, retryMax);
        this.provider = provider;
        this.cipher = cipher;
        this.clock = clock;
        this.numbers = numbers;
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
    List<OutgoingTextTable.Due> claimDue(Connection connection, int limit) {
        return OutgoingTextTable.claimDue(connection, limit);
    }

    @Override
    void attempt(Connection connection, OutgoingTextTable.Due text, List<Runnable> afterCommit) {
        Instant now = clock.instant();
        if (!now.isBefore(text.expiresAt())) {
            LOG.warn("gave up text {} after {} attempts: it expired before the SMS provider took it", text.id(), text.attempts());
            OutgoingTextTable.giveUp(connection, text.id(), "expired before it could be sent");
            return;
        }
        try {
            provider.send(numbers.of(new io.hearth.tenancy.TenantId(text.tenantId())).orElse(null), text.recipient(),
                    cipher.open(text.sealedBody(), OutgoingTextTable.associatedData(text.recipient())));
            OutgoingTextTable.markSent(connection, text.id());
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            Duration wait = backoff(text.attempts());
            LOG.warn("could not send text {} (attempt {}); next try in {}: {}", text.id(), text.attempts() + 1, wait, error);
            OutgoingTextTable.retryAt(connection, text.id(), now.plus(wait), error);
        }
    }
}
