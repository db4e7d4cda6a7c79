package io.hearth.architecture;

import io.hearth.infra.FeatureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** app's features keep the shape of docs/architecture.md. */
class FeatureBoundariesTest {

    static final FeatureRules RULES = FeatureRules.of("io.hearth");

    @Test
    void theFeaturesAreThePackagesBelowTheRoot() {
        assertThat(RULES.features()).contains("circles", "gatherings", "identity", "tenancy", "web").doesNotContain("kit");
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        RULES.noCyclesBetweenFeatures().check(RULES.imported());
    }

    @Test
    void internalPackagesAreOnlyUsedByTheirOwnFeature() {
        RULES.internalIsPrivateToItsFeature().forEach(rule -> rule.check(RULES.imported()));
    }

    @Test
    void httpTypesAreUsedOnlyInApiPackagesAndTheWebPackage() {
        RULES.httpOnlyInApiAndWeb().check(RULES.imported());
    }

    @Test
    void repositoriesAreInternal() {
        RULES.repositoriesLiveInInternal().check(RULES.imported());
    }

    @Test
    void nothingOutsideTenancyTouchesTheDirectoryTables() {
        noClasses().that().resideOutsideOfPackages("io.hearth.tenancy..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.hearth.tenancy.TenantDirectory")
                .check(RULES.imported());
    }
}
