package io.hearth.notifications;

import io.hearth.identity.People;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * A mail's unsubscribe link, followed: asking shows what it would stop (mail scanners follow links, so asking changes
 * nothing); unsubscribing turns his mail of that kind off, or all his notification mail but the must-reach one. A link
 * that is forged, of another organisation, or of a man it no longer has, is not found.
 */
@TenantBound
@Singleton
public class Unsubscribes {

    private final UnsubscribeLinks links;
    private final Preferences preferences;
    private final People people;

    public Unsubscribes(UnsubscribeLinks links, Preferences preferences, People people) {
        this.links = links;
        this.preferences = preferences;
        this.people = people;
    }

    /**
     * What a link stops.
     *
     * @param kind           the kind of mail it stops; null for every kind but the must-reach one
     * @param everyKindToken the token of the link that stops every kind, for the man who wants that instead
     * @param changed        after unsubscribing: whether any of it was still on
     */
    public record Unsubscribe(String organisation, @Nullable NotificationKind kind, String everyKindToken, boolean changed) {
    }

    /** What this link would stop; changes nothing. Empty for a link that is not found. */
    @Transactional(readOnly = true)
    public Optional<Unsubscribe> ask(Tenant tenant, String token) {
        return optOut(tenant, token).map(optOut -> view(tenant, optOut, false));
    }

    /** Stops what this link names. Empty for a link that is not found. */
    @Transactional
    public Optional<Unsubscribe> unsubscribe(Tenant tenant, String token) {
        return optOut(tenant, token).map(optOut -> view(tenant, optOut, preferences.optOut(tenant, optOut, ConsentSource.UNSUBSCRIBE_LINK)));
    }

    private Optional<OptOut> optOut(Tenant tenant, String token) {
        return links.read(tenant, token).filter(optOut -> people.contacts(List.of(optOut.person())).containsKey(optOut.person()));
    }

    private Unsubscribe view(Tenant tenant, OptOut optOut, boolean changed) {
        return new Unsubscribe(tenant.name(), optOut.kind(), links.token(tenant, new OptOut(tenant.id(), optOut.person(), null)), changed);
    }
}
