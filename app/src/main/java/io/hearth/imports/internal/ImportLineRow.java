package io.hearth.imports.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of an imported file: its cells as read (the phone sealed), the plan for it, what applying did and what undoing
 * needs (the values it replaced).
 */
@MappedEntity("member_import_rows")
public record ImportLineRow(@Id UUID id, UUID importId, int line, String email, String firstName, String lastName, @Nullable String sealedPhone,
                            String circle, String roles, String consent,
                            String action, @Nullable String reason, @Nullable String detail, @TypeDef(type = DataType.STRING_ARRAY) String[] changes,
                            @Nullable UUID personId, @Nullable UUID circleId, @TypeDef(type = DataType.STRING_ARRAY) String[] rolesToGrant,
                            String consentState,
                            @Nullable String outcome, @Nullable String failure, @Nullable Instant appliedAt,
                            @Nullable String previousFirstName, @Nullable String previousLastName, @Nullable String previousPhone,
                            @Nullable Instant previousPhoneVerifiedAt, @Nullable String previousConsent, @Nullable UUID joinedCircleId,
                            @TypeDef(type = DataType.STRING_ARRAY) String[] grantedRoles, @Nullable String invitation, @Nullable Instant undoneAt) {

    /** The same row planned again. */
    public ImportLineRow planned(String action, @Nullable String reason, @Nullable String detail, String[] changes, @Nullable UUID personId,
                                 @Nullable UUID circleId, String[] rolesToGrant, String consentState) {
        return new ImportLineRow(id, importId, line, email, firstName, lastName, sealedPhone, circle, roles, consent, action, reason, detail, changes,
                personId, circleId, rolesToGrant, consentState, outcome, failure, appliedAt, previousFirstName, previousLastName, previousPhone,
                previousPhoneVerifiedAt, previousConsent, joinedCircleId, grantedRoles, invitation, undoneAt);
    }

    /** Applied as planned, with what undoing it needs. */
    public ImportLineRow applied(UUID person, Instant at, @Nullable String previousFirstName, @Nullable String previousLastName,
                                 @Nullable String previousPhone, @Nullable Instant previousPhoneVerifiedAt, @Nullable String previousConsent,
                                 @Nullable UUID joinedCircleId, String[] grantedRoles, @Nullable String invitation) {
        return new ImportLineRow(id, importId, line, email, firstName, lastName, sealedPhone, circle, roles, consent, action, reason, detail, changes,
                person, circleId, rolesToGrant, consentState, "APPLIED", null, at, previousFirstName, previousLastName, previousPhone,
                previousPhoneVerifiedAt, previousConsent, joinedCircleId, grantedRoles, invitation, undoneAt);
    }
}
