package io.hearth.imports;

import io.swagger.v3.oas.annotations.media.Schema;

/** Whether a man agreed to hear from the organisation by mail, as its record of consents says (after the row, if imported). */
@Schema(name = "ImportConsentState")
public enum ConsentState {
    GIVEN,
    WITHDRAWN,
    /** Nothing recorded. */
    UNKNOWN
}
