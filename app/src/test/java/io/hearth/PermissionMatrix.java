package io.hearth;

import io.micronaut.http.HttpMethod;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shape of a feature's permission matrix: one row per endpoint, one expected status per caller. */
public final class PermissionMatrix {

    /** The callers, in the order of each row's statuses: no token, then one person per role (each also a MEMBER). */
    public static final List<String> CALLERS = List.of("NONE", "MEMBER", "FACILITATOR", "PTM", "ADMIN", "LEADERSHIP", "SUPPORT");

    private PermissionMatrix() {
    }

    /** One endpoint and the status each caller gets, in {@link #CALLERS} order (or the callers a feature names). */
    public record Row(HttpMethod method, String path, Object body, int... expected) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** (caller, row, expected status) for a parameterized test. */
    public static Stream<Arguments> cases(List<Row> rows) {
        return cases(CALLERS, rows);
    }

    /** As {@link #cases(List)}, for a feature whose matrix has callers of its own (a role only it concerns). */
    public static Stream<Arguments> cases(List<String> callers, List<Row> rows) {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : rows) {
            if (row.expected().length != callers.size()) {
                throw new IllegalArgumentException(row + ": " + row.expected().length + " statuses for " + callers.size() + " callers");
            }
            for (int i = 0; i < callers.size(); i++) {
                cases.add(Arguments.of(callers.get(i), row, row.expected()[i]));
            }
        }
        return cases.stream();
    }
}
