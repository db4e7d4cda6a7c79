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

    /**
     * Whether the database could not be reached rather than refusing the statement: no connection in time from the
     * pool, a connection refused or broken (SQLSTATE class 08, or closed by the pool under the caller), or a server
     * shutting down or starting up (57P01, 57P02, 57P03). Such a failure passes once the database is back.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            // Hikari's answer, without a SQLSTATE, for a connection the pool closed under the caller (the server went away).
            if (cause instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the statement wrote to an organisation's schema while it is frozen for a move or a restore (SQLSTATE
     * {@code HM001}, raised by the trigger the freeze installs): the write passes once the organisation is in place.
     */
    public static boolean isWritePaused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && "HM001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
