package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.identity.internal.GrantRepository;
import io.hearth.identity.internal.GrantRow;
import io.hearth.identity.internal.SsoSettingsRepository;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Granting roles, and the rule that the organisation always keeps an admin. */
@Singleton
public class RoleGrants {

    private final GrantRepository grants;
    private final People people;
    private final Admissions admissions;
    private final SsoSettingsRepository ssoSettings;
    private final Clock clock;

    public RoleGrants(GrantRepository grants, People people, Admissions admissions, SsoSettingsRepository ssoSettings, Clock clock) {
        this.ssoSettings = ssoSettings;
        this.admissions = admissions;
        this.grants = grants;
        this.people = people;
        this.clock = clock;
    }

    /**
     * Refuses to take away the last active admin (someone must be able to run the organisation), and the admin who keeps
     * password sign-in while single sign-on is on (the way in when the organisation's provider fails).
     */
    void keepAnAdmin(UUID leaving) {
        if (!people.liveRoles(leaving).contains(Role.ADMIN)) {
            return;
        }
        if (grants.countActiveHolders(Role.ADMIN.name()) <= 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.LAST_ADMIN, "This is the organisation's last admin: make someone else admin first");
        }
        if (ssoSettings.findById(true).filter(s -> s.enabled() && leaving.equals(s.breakGlassAdminId())).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.BREAK_GLASS_ADMIN, "This admin keeps password sign-in while single sign-on is on, "
                    + "the way in if the organisation's provider fails: name another admin for it in the single sign-on settings first");
        }
    }

    /** Grants the role (until {@code validUntil}, if given); granting a held role again sets its new end. */
    GrantRow grant(Tenant tenant, UUID person, Role role, @Nullable UUID by, @Nullable Instant validUntil) {
        Instant now = clock.instant();
        GrantRow granted = grants.findOpen(person, role.name())
                .map(open -> {
                    grants.renew(open.id(), validUntil, by, now);
                    return new GrantRow(open.id(), person, role.name(), by, now, validUntil, null, null);
                })
                .orElseGet(() -> grants.save(new GrantRow(UUID.randomUUID(), person, role.name(), by, now, validUntil, null, null)));
        admissions.personChanged(tenant, person);
        return granted;
    }

    /** Takes the role away (the provider's groups no longer give it), unless he is the last admin: false then. */
    boolean revokeUnlessLastAdmin(Tenant tenant, UUID person, Role role) {
        if (role == Role.ADMIN && people.liveRoles(person).contains(Role.ADMIN) && grants.countActiveHolders(Role.ADMIN.name()) <= 1) {
            return false;
        }
        grants.revoke(person, role.name(), clock.instant(), null);
        admissions.personChanged(tenant, person);
        return true;
    }
}
