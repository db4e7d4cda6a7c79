package io.hearth.infra;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema-name check bites: a schema named after its Java class is reported, a chosen one and a generic wrapper are not. */
class SchemaNamesTest {

    @Test
    void aSchemaNoClassNamedOnPurposeIsReported() throws Exception {
        var classes = new ClassFileImporter().importPackages("io.hearth.infra.planted.api");

        assertThat(SchemaNames.leaking(Path.of("src/test/resources/planted/openapi.yml"), classes)).containsExactly("Planted.Leaking");
    }
}
