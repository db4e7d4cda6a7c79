package io.hearth.architecture.planted;

import java.sql.Connection;
import java.sql.SQLException;

/** Planted for OneWayToTheDatabaseTest: a use case that writes SQL itself instead of asking its internal/. */
public class QueriesInItsRoot {

    public int count(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("select count(*) from circles"); var rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
