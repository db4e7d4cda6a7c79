package io.hearth.imports;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where an import stands: planned (a dry run), being applied, applied, being undone, undone. */
@Schema(name = "ImportStatus")
public enum ImportStatus {
    PLANNED,
    APPLYING,
    APPLIED,
    UNDOING,
    UNDONE
}
