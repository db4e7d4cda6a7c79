package io.hearth.identity;

import io.hearth.identity.internal.PersonRow;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A person as the API shows him to admins and to himself. */
@Serdeable
public record PersonView(UUID id, String email, String firstName, String lastName, PersonStatus status, List<Role> roles,
                         boolean mfaEnabled, boolean phoneVerified, Instant createdAt) {

    public static PersonView of(PersonRow row, Set<Role> roles) {
        return new PersonView(row.id(), row.email(), row.firstName(), row.lastName(), PersonStatus.valueOf(row.status()),
                roles.stream().sorted().toList(), row.mfaEnabled(), row.phoneVerifiedAt() != null, row.createdAt());
    }
}
