package io.hearth.notifications;

import io.hearth.crypto.SignedTokens;
import io.hearth.identity.PublicLinks;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One-click unsubscribe links (RFC 8058) on the organisation's own host, {@code /u/{token}}: the token is an
 * {@link OptOut} signed by {@link SignedTokens}, so it names the organisation, the man and the kind, stores nothing,
 * and cannot be made for anyone else.
 */
@TenantBound
@Singleton
public class UnsubscribeLinks {

    private static final String PURPOSE = "unsubscribe";

    private final SignedTokens tokens;
    private final PublicLinks links;

    public UnsubscribeLinks(SignedTokens tokens, PublicLinks links) {
        this.tokens = tokens;
        this.links = links;
    }

    /** The token of this opt-out. */
    public String token(Tenant tenant, OptOut optOut) {
        if (!optOut.tenant().equals(tenant.id())) {
            throw new IllegalArgumentException("an unsubscribe link of another organisation");
        }
        return tokens.sign(PURPOSE, optOut.bytes());
    }

    /**
     * The headers that let his mail program unsubscribe him from this kind of mail in one click (from every kind but
     * the must-reach one when {@code kind} is null, as for a digest, which gathers many kinds).
     */
    public Map<String, String> mailHeaders(Tenant tenant, UUID person, @Nullable NotificationKind kind) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + url(tenant, person, kind) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }

    /**
     * The link itself, {@code https://{org host}/u/{token}}, for a mail's visible "Unsubscribe": the same link as its
     * {@code List-Unsubscribe} header (a token is the same each time it is made for the same opt-out).
     */
    public String url(Tenant tenant, UUID person, @Nullable NotificationKind kind) {
        return links.to(tenant, "/u/" + token(tenant, new OptOut(tenant.id(), person, kind)));
    }

    /** What a token of this organisation asks; empty for a token that is malformed, forged, or of another organisation. */
    public Optional<OptOut> read(Tenant tenant, String token) {
        return tokens.read(PURPOSE, token).flatMap(OptOut::of).filter(optOut -> optOut.tenant().equals(tenant.id()));
    }
}
