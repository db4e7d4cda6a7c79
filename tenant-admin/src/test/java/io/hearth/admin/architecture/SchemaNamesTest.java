package io.hearth.admin.architecture;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.hearth.infra.SchemaNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every schema of tenant-admin's OpenAPI document has a name chosen with @Schema, so Java renames never reach the console. */
class SchemaNamesTest {

    @Test
    void everySchemaOfTheApiIsNamedOnPurpose() throws Exception {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.hearth.admin");

        assertThat(SchemaNames.leaking(Path.of("target/classes/META-INF/swagger/hearth-tenant-admin-0.1.yml"), classes)).isEmpty();
    }
}
