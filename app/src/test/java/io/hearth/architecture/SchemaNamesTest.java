package io.hearth.architecture;

import io.hearth.infra.SchemaNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every schema of app's OpenAPI document has a name chosen with @Schema, so Java renames never reach the PWA. */
class SchemaNamesTest {

    @Test
    void everySchemaOfTheApiIsNamedOnPurpose() throws Exception {
        var classes = ImportedClasses.MAIN;

        assertThat(SchemaNames.leaking(Path.of("target/classes/META-INF/swagger/hearth-0.1.yml"), classes)).isEmpty();
    }
}
