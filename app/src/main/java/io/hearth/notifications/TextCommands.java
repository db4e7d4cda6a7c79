package io.hearth.notifications;

import io.hearth.identity.PublicLinks;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.messaging.InboundText;
import io.hearth.messaging.InboundTexts;
import io.hearth.messaging.SendingNumbers;
import io.hearth.tenancy.EachTenant;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Texts men send to the platform's numbers, as the SMS provider posts them (signed): STOP, START and HELP are acted
 * on ({@link TextOptOuts}); anything else is not read. A text to an organisation's own number concerns that
 * organisation alone. A text to the shared number concerns each organisation that texts from it in which the
 * sender's number is a man's verified phone: a STOP stops texts from all of them (as the provider itself would: it
 * blocks a number that texted STOP from that sender for every message). He gets one answer naming them, from the
 * number he texted.
 */
@Singleton
public class TextCommands {

    private static final Logger LOG = LoggerFactory.getLogger(TextCommands.class);

    /** What a text came to. */
    public enum Outcome {
        /** Acted on and answered. */
        APPLIED,
        /** Acted on before (the provider posted it again): nothing more done. */
        DUPLICATE,
        /** Not STOP, START or HELP: not read. */
        IGNORED,
        /** Sent to a number that is not the platform's, or from one no organisation knows: nothing done. */
        UNKNOWN_NUMBER
    }

    private final InboundTexts inbound;
    private final SendingNumbers numbers;
    private final InTenant tenants;
    private final EachTenant organisations;
    private final TextOptOuts optOuts;
    private final PublicLinks links;

    public TextCommands(InboundTexts inbound, SendingNumbers numbers, InTenant tenants, EachTenant organisations, TextOptOuts optOuts, PublicLinks links) {
        this.inbound = inbound;
        this.numbers = numbers;
        this.tenants = tenants;
        this.organisations = organisations;
        this.optOuts = optOuts;
        this.links = links;
    }

    /** A text as posted (the form body and its {@code X-Twilio-Signature}); refused when the signature is not the provider's. */
    public Outcome receive(@Nullable String form, @Nullable String signature) {
        InboundText text = inbound.read(form, signature);
        Optional<TextCommand> command = TextCommand.of(text.body());
        if (command.isEmpty()) {
            return Outcome.IGNORED;
        }
        Optional<TenantId> owner = numbers.owner(text.to());
        if (owner.isEmpty() && !numbers.isShared(text.to())) {
            LOG.warn("a {} text {} to a number that is not the platform's: nothing done", command.get(), text.messageSid());
            return Outcome.UNKNOWN_NUMBER;
        }
        List<TextOptOuts.Acted> acted = new ArrayList<>();
        int failed = 0;
        if (owner.isPresent()) {
            // His answer to one organisation's own number: that organisation alone.
            try {
                tenants.call(owner.get(), tenant -> optOuts.act(tenant, text, command.get())).flatMap(result -> result).ifPresent(acted::add);
            } catch (RuntimeException e) {
                LOG.error("{} text {} to {}'s number could not be acted on", command.get(), text.messageSid(), owner.get(), e);
                failed = 1;
            }
        } else {
            Set<TenantId> ownNumbers = numbers.withOwnNumber();
            failed = organisations.run("text " + command.get(), tenant -> {
                if (!ownNumbers.contains(tenant.id())) {
                    optOuts.act(tenant, text, command.get()).ifPresent(acted::add);
                }
            });
        }
        List<Tenant> first = acted.stream().filter(TextOptOuts.Acted::first).map(TextOptOuts.Acted::tenant).toList();
        if (!first.isEmpty()) {
            optOuts.answer(first.get(0), text.from(), answer(command.get(), first));
        }
        if (failed > 0) {
            throw new Refusal(Refusal.Kind.UNAVAILABLE, CommonCode.SERVICE_UNAVAILABLE, "The text could not be acted on everywhere: post it again");
        }
        LOG.info("{} text {}: acted on in {} organisation(s), {} before", command.get(), text.messageSid(), first.size(), acted.size() - first.size());
        if (!first.isEmpty()) {
            return Outcome.APPLIED;
        }
        return acted.isEmpty() ? Outcome.UNKNOWN_NUMBER : Outcome.DUPLICATE;
    }

    /** One short answer, as carriers require: a STOP confirmed, a START too, HELP says who texts and how to stop. */
    String answer(TextCommand command, List<Tenant> organisations) {
        String names = names(organisations);
        switch (command) {
            case STOP:
                return "You will get no more texts from " + names + " on Hearth. Reply START to get them again.";
            case START:
                return "Texts from " + names + " on Hearth are back on. Reply STOP to stop them, HELP for help.";
            default:
                return names + " on Hearth: notifications and must-reach messages by text. Reply STOP to stop them, START to get them again. "
                        + "Settings: " + links.to(organisations.get(0), "/settings/notifications");
        }
    }

    private static String names(List<Tenant> organisations) {
        List<String> names = organisations.stream().map(Tenant::name).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
