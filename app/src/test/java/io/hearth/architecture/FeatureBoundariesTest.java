package io.hearth.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** A feature's internal package is its own; others use its public types or its events. */
class FeatureBoundariesTest {

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hearth");

    @Test
    void internalPackagesAreOnlyUsedByTheirOwnFeature() {
        for (String feature : new String[] {"tenancy", "identity", "messaging", "outbox", "web"}) {
            classes().that().resideInAPackage("io.hearth." + feature + ".internal..")
                    .should().onlyBeAccessed().byAnyPackage("io.hearth." + feature + "..")
                    .allowEmptyShould(true)
                    .check(main);
        }
    }

    @Test
    void nothingOutsideTenancyTouchesTheDirectoryTables() {
        noClasses().that().resideOutsideOfPackages("io.hearth.tenancy..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.hearth.tenancy.TenantDirectory")
                .check(main);
    }
}
