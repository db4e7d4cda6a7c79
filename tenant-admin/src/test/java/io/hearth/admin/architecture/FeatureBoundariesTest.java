package io.hearth.admin.architecture;

import io.hearth.infra.FeatureRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** tenant-admin's features keep the shape of docs/architecture.md. */
class FeatureBoundariesTest {

    static final FeatureRules RULES = FeatureRules.of("io.hearth.admin");

    @Test
    void theFeaturesAreThePackagesBelowTheRoot() {
        assertThat(RULES.features()).contains("operators", "tenants");
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
}
