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

    /** One endpoint and the status each caller gets, in {@link #CALLERS} order. */
    public record Row(HttpMethod method, String path, Object body, int... expected) {
        public Row {
            if (expected.length != CALLERS.size()) {
                throw new IllegalArgumentException(method + " " + path + ": " + expected.length + " statuses for " + CALLERS.size() + " callers");
            }
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** (caller, row, expected status) for a parameterized test. */
    public static Stream<Arguments> cases(List<Row> rows) {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < CALLERS.size(); i++) {
                cases.add(Arguments.of(CALLERS.get(i), row, row.expected()[i]));
            }
        }
        return cases.stream();
    }
}
