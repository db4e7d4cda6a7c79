package io.hearth.identity;

import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.messaging.Languages;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a man keeps on his own profile: his name and his time zone. Absent fields stay as they are; a time zone of
 * {@code ""} goes back to following the organisation's. Changes are audited with what changed, never the old name.
 */
@TenantBound
@Singleton
public class Profiles {

    /** The longest name part, as at registration. */
    public static final int NAME_LENGTH = 100;

    private final PersonRepository persons;
    private final Audit audit;
    private final Clock clock;

    public Profiles(PersonRepository persons, Audit audit, Clock clock) {
        this.persons = persons;
        this.audit = audit;
        this.clock = clock;
    }

    /** What he wants changed; null leaves a field as it is. */
    public record Change(@Nullable String firstName, @Nullable String lastName, @Nullable String timeZone, @Nullable String language) {
    }

    @Transactional
    public PersonRow change(Caller caller, Change change) {
        PersonRow person = persons.findById(caller.person()).orElseThrow(() -> Refusal.unauthorized("The account is gone"));
        List<Refusal.FieldError> errors = new ArrayList<>();
        String firstName = change.firstName() == null ? person.firstName() : name("firstName", change.firstName(), errors);
        String lastName = change.lastName() == null ? person.lastName() : name("lastName", change.lastName(), errors);
        String timeZone = change.timeZone() == null ? person.timeZone() : zone(change.timeZone(), errors);
        String language = change.language() == null ? person.language() : language(change.language(), errors);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        if (!firstName.equals(person.firstName()) || !lastName.equals(person.lastName())) {
            changed.put("name", true);
        }
        if (!Objects.equals(timeZone, person.timeZone())) {
            changed.put("timeZone", timeZone == null ? "organisation" : timeZone);
        }
        if (!Objects.equals(language, person.language())) {
            changed.put("language", language == null ? "organisation" : language);
        }
        if (changed.isEmpty()) {
            return person;
        }
        persons.updateProfile(person.id(), firstName, lastName, timeZone, language, clock.instant());
        audit.byCaller(caller, AuditAction.PROFILE_CHANGED, person.id(), changed);
        return persons.findById(person.id()).orElseThrow();
    }

    /** His time zone alone, as quiet hours and the digest set it when they are given one. */
    @Transactional
    public void setTimeZone(Caller caller, ZoneId zone) {
        change(caller, new Change(null, null, zone.getId(), null));
    }

    private static String name(String field, String value, List<Refusal.FieldError> errors) {
        String stripped = value.strip();
        if (stripped.isEmpty() || stripped.length() > NAME_LENGTH) {
            errors.add(new Refusal.FieldError(field, "is 1 to " + NAME_LENGTH + " characters"));
        }
        return stripped;
    }

    /** A language Hearth writes in, or null for "" (the organisation's). */
    private static @Nullable String language(String value, List<Refusal.FieldError> errors) {
        if (value.isBlank()) {
            return null;
        }
        if (!Languages.isSupported(value)) {
            errors.add(new Refusal.FieldError("language", "is one of " + String.join(", ", Languages.SUPPORTED)));
            return null;
        }
        return value;
    }

    /** A name of the IANA database (as organisations' zones are), or null for "" (the organisation's). */
    private static @Nullable String zone(String value, List<Refusal.FieldError> errors) {
        if (value.isBlank()) {
            return null;
        }
        if (!OrganisationSettings.isTimeZone(value)) {
            errors.add(new Refusal.FieldError("timeZone", "is not an IANA time zone such as Europe/London"));
            return null;
        }
        return value;
    }
}
