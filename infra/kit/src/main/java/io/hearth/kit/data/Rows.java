package io.hearth.kit.data;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads rows into records over plain JDBC, for the reads every request makes. Micronaut Data maps a projection by
 * building its persistent entity and deriving each column's name from the property's on every query; on the circle
 * listing that was a fifth of a signed-in request's CPU. Here each record type is looked at once: its canonical
 * constructor and, per component, the column ({@code camelCase} component, {@code snake_case} column) and how to read
 * it. Then a query finds its columns by name once and reads each row with no reflection.
 *
 * <p>Parameters are positional ({@code ?}); a {@link Collection} of UUIDs or strings is bound as one SQL array (write
 * {@code = any(?)}), an {@link Instant} as a timestamp with time zone, {@code null} as an untyped null (cast it in
 * the SQL where its type matters). A record component of a type this does not read fails when the record is first
 * used, never with a wrong value.
 */
public final class Rows {

    private static final Map<Class<?>, Plan<?>> PLANS = new ConcurrentHashMap<>();

    private Rows() {
    }

    /** Every row, mapped. */
    public static <R extends Record> List<R> list(Connection connection, String sql, Class<R> type, Object... parameters) throws SQLException {
        Plan<R> plan = plan(type);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                int[] columns = plan.columnsIn(rows);
                List<R> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(plan.read(rows, columns));
                }
                return result;
            }
        }
    }

    /** The first row, if any. */
    public static <R extends Record> Optional<R> first(Connection connection, String sql, Class<R> type, Object... parameters) throws SQLException {
        Plan<R> plan = plan(type);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(plan.read(rows, plan.columnsIn(rows))) : Optional.empty();
            }
        }
    }

    /** The first column of the first row as a number ({@code select count(*) ...}); 0 without a row. */
    public static long number(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** The first column of every row as a UUID. */
    public static List<UUID> uuids(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<UUID> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(rows.getObject(1, UUID.class));
                }
                return result;
            }
        }
    }

    static void bind(Connection connection, PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setObject(index, instant.atOffset(java.time.ZoneOffset.UTC));
            } else if (value instanceof Collection<?> values) {
                statement.setArray(index, array(connection, values));
            } else {
                statement.setObject(index, value);
            }
        }
    }

    private static Array array(Connection connection, Collection<?> values) throws SQLException {
        Object[] elements = values.toArray();
        if (elements.length == 0 || elements[0] instanceof UUID) {
            return connection.createArrayOf("uuid", elements);
        }
        if (elements[0] instanceof String) {
            return connection.createArrayOf("text", elements);
        }
        throw new IllegalArgumentException("no SQL array for a collection of " + elements[0].getClass().getName());
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> Plan<R> plan(Class<R> type) {
        return (Plan<R>) PLANS.computeIfAbsent(type, Plan::of);
    }

    /** "memberCount" to "member_count". */
    static String column(String component) {
        StringBuilder name = new StringBuilder(component.length() + 4);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (Character.isUpperCase(c)) {
                name.append('_').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rows, int column) throws SQLException;
    }

    static final class Plan<R> {
        private final Class<R> type;
        private final String[] columns;
        private final Reader[] readers;
        private final MethodHandle constructor;

        private Plan(Class<R> type, String[] columns, Reader[] readers, MethodHandle constructor) {
            this.type = type;
            this.columns = columns;
            this.readers = readers;
            this.constructor = constructor;
        }

        static Plan<?> of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            String[] columns = new String[components.length];
            Reader[] readers = new Reader[components.length];
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                columns[i] = column(components[i].getName());
                readers[i] = reader(type, components[i]);
                parameterTypes[i] = components[i].getType();
            }
            try {
                MethodHandle constructor = MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class, parameterTypes))
                        .asSpreader(Object[].class, components.length);
                return new Plan<>(type, columns, readers, constructor);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalArgumentException(type.getName() + " needs a public canonical constructor", e);
            }
        }

        private static Reader reader(Class<?> record, RecordComponent component) {
            Class<?> type = component.getType();
            if (type == String.class) {
                return ResultSet::getString;
            }
            if (type == UUID.class) {
                return (rows, column) -> rows.getObject(column, UUID.class);
            }
            if (type == int.class) {
                return ResultSet::getInt;
            }
            if (type == long.class) {
                return ResultSet::getLong;
            }
            if (type == boolean.class) {
                return ResultSet::getBoolean;
            }
            if (type == Integer.class) {
                return (rows, column) -> {
                    int value = rows.getInt(column);
                    return rows.wasNull() ? null : value;
                };
            }
            if (type == Long.class) {
                return (rows, column) -> {
                    long value = rows.getLong(column);
                    return rows.wasNull() ? null : value;
                };
            }
            if (type == Boolean.class) {
                return (rows, column) -> {
                    boolean value = rows.getBoolean(column);
                    return rows.wasNull() ? null : value;
                };
            }
            if (type == Instant.class) {
                return (rows, column) -> {
                    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
                    return value == null ? null : value.toInstant();
                };
            }
            if (type == LocalDateTime.class) {
                return (rows, column) -> rows.getObject(column, LocalDateTime.class);
            }
            if (type == LocalDate.class) {
                return (rows, column) -> rows.getObject(column, LocalDate.class);
            }
            if (type == String[].class) {
                return (rows, column) -> {
                    Array array = rows.getArray(column);
                    if (array == null) {
                        return null;
                    }
                    Object[] values = (Object[]) array.getArray();
                    String[] strings = new String[values.length];
                    for (int i = 0; i < values.length; i++) {
                        strings[i] = values[i] == null ? null : values[i].toString();
                    }
                    return strings;
                };
            }
            throw new IllegalArgumentException(record.getName() + "." + component.getName() + ": Rows reads no " + type.getName());
        }

        /** The result's column index for each component, found by name; a component without its column fails here. */
        int[] columnsIn(ResultSet rows) throws SQLException {
            ResultSetMetaData meta = rows.getMetaData();
            Map<String, Integer> byName = new HashMap<>();
            for (int i = meta.getColumnCount(); i >= 1; i--) {
                byName.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            int[] indexes = new int[columns.length];
            for (int i = 0; i < columns.length; i++) {
                Integer index = byName.get(columns[i]);
                if (index == null) {
                    throw new IllegalStateException(type.getName() + ": the query has no column " + columns[i]);
                }
                indexes[i] = index;
            }
            return indexes;
        }

        @SuppressWarnings("unchecked")
        R read(ResultSet rows, int[] indexes) throws SQLException {
            Object[] values = new Object[readers.length];
            for (int i = 0; i < readers.length; i++) {
                values[i] = readers[i].read(rows, indexes[i]);
            }
            try {
                return (R) constructor.invoke(values);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("could not make a " + type.getName(), e);
            }
        }
    }
}
