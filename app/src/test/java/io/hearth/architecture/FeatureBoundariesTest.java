package io.hearth.architecture;

import io.hearth.infra.FeatureBoundaries;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** app's features keep the shape of docs/architecture.md. */
class FeatureBoundariesTest extends FeatureBoundaries {

    FeatureBoundariesTest() {
        super("io.hearth", "circles", "conversations", "gatherings", "identity", "realtime", "tenancy", "web");
    }

    @Test
    void nothingOutsideTenancyTouchesTheDirectoryTables() {
        noClasses().that().resideOutsideOfPackages("io.hearth.tenancy..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.hearth.tenancy.TenantDirectory")
                .check(rules().imported());
    }
}
