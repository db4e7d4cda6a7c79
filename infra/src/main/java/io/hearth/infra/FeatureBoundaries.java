package io.hearth.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture rules of {@link FeatureRules} as tests: a service's test extends this with its root package
 * and the features it must find there (so that a moved root cannot make every rule pass on nothing).
 */
public abstract class FeatureBoundaries {

    private final FeatureRules rules;
    private final String[] expectedFeatures;

    protected FeatureBoundaries(String root, String... expectedFeatures) {
        this.rules = FeatureRules.of(root);
        this.expectedFeatures = expectedFeatures;
    }

    protected FeatureRules rules() {
        return rules;
    }

    @Test
    void theFeaturesAreThePackagesBelowTheRoot() {
        assertThat(rules.features()).contains(expectedFeatures).doesNotContain("kit");
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        rules.noCyclesBetweenFeatures().check(rules.imported());
    }

    @Test
    void internalPackagesAreOnlyUsedByTheirOwnFeature() {
        rules.internalIsPrivateToItsFeature().forEach(rule -> rule.check(rules.imported()));
    }

    @Test
    void insideAFeatureDependenciesGoDownApiUseCasesInternalModel() {
        rules.oneDirectionInsideEachFeature().check(rules.imported());
    }

    @Test
    void httpTypesAreUsedOnlyInApiPackagesAndTheWebPackage() {
        rules.httpOnlyInApiAndWeb().check(rules.imported());
    }

    @Test
    void listenersWorkInsideTheirTrace() {
        rules.listenersWorkInsideTheirTrace().check(rules.imported());
    }

    @Test
    void repositoriesAreInternal() {
        rules.repositoriesLiveInInternal().check(rules.imported());
    }
}
