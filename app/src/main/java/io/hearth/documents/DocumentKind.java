package io.hearth.documents;

import io.swagger.v3.oas.annotations.media.Schema;

/** A file to read; a waiver or guidelines, which a man acknowledges in their current version. */
@Schema(name = "DocumentKind")
public enum DocumentKind {
    DOCUMENT, WAIVER, GUIDELINE;

    public boolean acknowledged() {
        return this != DOCUMENT;
    }
}
