package io.hearth.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person as the API shows him to admins and to himself; {@code timeZone} is the IANA zone he chose and
 * {@code language} the language, each absent when he follows the organisation's.
 */
@Schema(name = "PersonView")
@Serdeable
public record PersonView(UUID id, String email, String firstName, String lastName, PersonStatus status, List<Role> roles,
                         boolean mfaEnabled, boolean phoneVerified, boolean emailVerified, Instant createdAt,
                         @Nullable String timeZone, @Nullable String language) {
}
