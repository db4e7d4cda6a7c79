package io.hearth.baseline;

import io.micronaut.runtime.Micronaut;

/** The bare-framework baseline of the request-path benchmark (see {@link CirclesEndpoint}). */
public final class Baseline {

    private Baseline() {
    }

    public static void main(String[] args) {
        Micronaut.run(Baseline.class, args);
    }
}
