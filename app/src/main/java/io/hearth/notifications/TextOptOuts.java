package io.hearth.notifications;

import io.hearth.identity.People;
import io.hearth.messaging.InboundText;
import io.hearth.messaging.Texts;
import io.hearth.notifications.internal.TextCommandRepository;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * STOP, START and HELP texted by a man of this organisation: a stop means nothing more is texted to that phone from
 * the organisation (not even a must-reach text) until START, each recorded as a consent withdrawn or given again on
 * the SMS channel for every kind ({@link Consents}, {@code sms-stop} / {@code sms-start}). A message is acted on once.
 */
@TenantBound
@Singleton
public class TextOptOuts {

    private final People people;
    private final Texts texts;
    private final Consents consents;
    private final TextCommandRepository commands;
    private final Clock clock;

    public TextOptOuts(People people, Texts texts, Consents consents, TextCommandRepository commands, Clock clock) {
        this.people = people;
        this.texts = texts;
        this.consents = consents;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * What one text came to in this organisation.
     *
     * @param first false when the same message was acted on here before (nothing done again)
     */
    public record Acted(Tenant tenant, boolean first) {
    }

    /** Acts on the command; empty when the number is no man's verified phone here (nothing done). */
    @Transactional
    public Optional<Acted> act(Tenant tenant, InboundText text, TextCommand command) {
        List<UUID> men = people.withVerifiedPhone(tenant, text.from());
        if (men.isEmpty()) {
            return Optional.empty();
        }
        if (commands.record(text.messageSid(), command.name(), clock.instant()) == 0) {
            return Optional.of(new Acted(tenant, false));
        }
        switch (command) {
            case STOP -> {
                texts.stop(tenant, text.from());
                men.forEach(man -> consents.record(tenant, man, Channel.SMS, null, false, ConsentSource.SMS_STOP));
            }
            case START -> {
                texts.start(tenant, text.from());
                men.forEach(man -> consents.record(tenant, man, Channel.SMS, null, true, ConsentSource.SMS_START));
            }
            case HELP -> {
                // Only answered.
            }
            default -> throw new IllegalStateException("unknown command " + command);
        }
        return Optional.of(new Acted(tenant, true));
    }

    /** The one answer to his text (queued through the texts outbox, so it is retried; sent even to a phone that stopped). */
    @Transactional
    public void answer(Tenant tenant, String phone, String body) {
        texts.answer(tenant, phone, body);
    }
}
