package io.hearth.infra.planted.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** A type whose schema name was chosen, and one nested in it whose was not. */
@Schema(name = "Named")
public record Planted(String value) {

    public record Leaking(String value) {
    }
}
