package io.hearth.identity;

import io.hearth.kit.Refusal;
import io.hearth.messaging.Languages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.ZoneId;
import java.util.Set;

/**
 * How an organisation runs sign-up and sign-in, and the zone it lives in.
 *
 * @param registrationMode       OPEN: a verified email is enough; APPROVAL: an admin approves each new account
 * @param mfaRequiredRoles       roles whose holders must use a second factor
 * @param apiRequestsPerMinute   each person's API limit; never below {@link #MIN_REQUESTS_PER_MINUTE}
 * @param timeZone               the organisation's IANA time zone (Europe/London), where a new event starts; UTC until an admin sets it
 * @param brandColour            its own colour as #rrggbb, for its mail; absent: Hearth's
 * @param language               the language it writes to its men in (mail, texts, notifications): one of {@link Languages#SUPPORTED}
 */
@Schema(name = "OrganisationSettings")
@Serdeable
public record OrganisationSettings(RegistrationMode registrationMode, Set<Role> mfaRequiredRoles, int apiRequestsPerMinute, String timeZone,
                                   @Nullable String brandColour, String language) {

    @Schema(name = "RegistrationMode")
    public enum RegistrationMode {
        OPEN,
        APPROVAL
    }

    /** The lowest per-person limit an organisation may set: the PWA's first screens must fit in a minute. */
    public static final int MIN_REQUESTS_PER_MINUTE = 60;

    /** The limit in force: a value stored before the floor existed counts as the floor. */
    public int effectiveRequestsPerMinute() {
        return Math.max(apiRequestsPerMinute, MIN_REQUESTS_PER_MINUTE);
    }

    public boolean requiresMfa(Set<Role> roles) {
        return roles.stream().anyMatch(mfaRequiredRoles::contains);
    }

    /**
     * A zone an organisation may take: a name of the IANA database as java.time knows it (Europe/London, UTC), not a
     * bare offset (+01:00), which would keep one offset through summer time.
     */
    public static String timeZoneOf(String id) {
        if (!isTimeZone(id)) {
            throw Refusal.invalid("timeZone", "is not an IANA time zone such as Europe/London");
        }
        return id;
    }

    /** Whether this is a zone a person or an organisation may take: a name of the IANA database, not a bare offset. */
    public static boolean isTimeZone(@Nullable String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id);
    }

    /** A language Hearth writes in ({@link Languages#SUPPORTED}); another is refused, naming the field. */
    public static String languageOf(@Nullable String language) {
        if (!Languages.isSupported(language)) {
            throw Refusal.invalid("language", "is one of " + String.join(", ", Languages.SUPPORTED));
        }
        return language;
    }

    /** A colour as {@code #rrggbb} (any case; kept lower case), or absent. Three-digit and named colours are refused. */
    public static @Nullable String colourOf(@Nullable String colour) {
        if (colour == null) {
            return null;
        }
        if (!colour.matches("#[0-9a-fA-F]{6}")) {
            throw Refusal.invalid("brandColour", "is a colour as #rrggbb, such as #7a3b12");
        }
        return colour.toLowerCase(java.util.Locale.ROOT);
    }
}
