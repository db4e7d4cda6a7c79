package io.hearth.admin;

import io.hearth.kit.ProblemCode;

/** tenant-admin's own stable error codes, beside the kit's common ones. */
public enum AdminCode implements ProblemCode {
    MFA_CODE_INVALID("Code invalid"),
    /** An export was asked of an organisation that has no complete backup yet. */
    NO_BACKUP("No backup");

    private final String title;

    AdminCode(String title) {
        this.title = title;
    }

    @Override
    public String title() {
        return title;
    }
}
