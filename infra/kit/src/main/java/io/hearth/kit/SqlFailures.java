package io.hearth.kit;

import java.sql.SQLException;

/** What a failed SQL statement says about itself, whichever layer wrapped it. */
public final class SqlFailures {

    private SqlFailures() {
    }

    /** Whether a unique constraint refused a duplicate (SQLSTATE 23505), as opposed to anything else. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
