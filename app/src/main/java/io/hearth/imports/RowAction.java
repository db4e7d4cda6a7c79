package io.hearth.imports;

import io.swagger.v3.oas.annotations.media.Schema;

/** What an import does with one row of the file. */
@Schema(name = "ImportRowAction")
public enum RowAction {
    /** A man the organisation does not have yet: he is created and invited. */
    CREATE,
    /** A man it has, whose row changes something (a name, the phone, a role, a circle, his consent). */
    UPDATE,
    /** A man it has, as the row says already. */
    UNCHANGED,
    /** A row that is not imported, for the reason given. */
    SKIPPED
}
