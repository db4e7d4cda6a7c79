package io.hearth.imports;

import io.swagger.v3.oas.annotations.media.Schema;

/** Why a row is not imported. The codes are a contract: the screens explain each. */
@Schema(name = "ImportSkipReason")
public enum SkipReason {
    /** A cell starts like a spreadsheet formula (=, +, -, @, tab, CR): it is never stored. */
    FORMULA,
    INVALID_EMAIL,
    /** A new man needs a first and a last name. */
    MISSING_NAME,
    /** A name too long or with control characters. */
    INVALID_VALUE,
    INVALID_PHONE,
    UNKNOWN_ROLE,
    INVALID_CONSENT,
    /** An earlier row of the file has the same email. */
    DUPLICATE_EMAIL,
    /** An earlier row of the file has the same phone. */
    DUPLICATE_PHONE,
    /** Another man of the organisation has this phone. */
    PHONE_TAKEN,
    /** No active circle has this name. */
    UNKNOWN_CIRCLE,
    /** Several active circles have this name. */
    AMBIGUOUS_CIRCLE,
    /** The circle has no seat left for him (counting the rows above). */
    CIRCLE_FULL,
    /** He is in another circle already: a move is a transfer, not an import. */
    IN_ANOTHER_CIRCLE,
    /** His account is not active (deactivated, or waiting for verification or approval). */
    PERSON_NOT_ACTIVE
}
