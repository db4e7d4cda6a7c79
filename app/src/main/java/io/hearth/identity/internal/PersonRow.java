package io.hearth.identity.internal;

import io.hearth.identity.PersonStatus;
import io.hearth.identity.PersonView;
import io.hearth.identity.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

@MappedEntity("people")
public record PersonRow(@Id UUID id, String email, String firstName, String lastName, @Nullable String sealedPhone,
                        @Nullable Instant phoneVerifiedAt, String status, @Nullable Instant emailVerifiedAt,
                        boolean mfaEnabled, Instant createdAt, Instant updatedAt, @Nullable Instant erasedAt,
                        @Nullable String timeZone, @Nullable String language) {

    /** As the API shows him to admins and to himself, with the roles he holds. */
    public PersonView view(Set<Role> roles) {
        return new PersonView(id, email, firstName, lastName, PersonStatus.valueOf(status),
                roles.stream().sorted().toList(), mfaEnabled, phoneVerifiedAt != null, emailVerifiedAt != null, createdAt, timeZone, language);
    }
}
