package io.hearth.infra;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The feature rules bite: each reports violations planted in {@code io.hearth.infra.planted.shop} and passes a tidy feature. */
class FeatureRulesTest {

    private final JavaClasses planted = new ClassFileImporter().importPackages("io.hearth.infra.planted");
    private final FeatureRules rules = FeatureRules.of("io.hearth.infra.planted", planted);

    @Test
    void aRowImportingAnEnumNestedInAUseCaseBreaksTheDirectionInsideTheFeature() {
        EvaluationResult result = rules.oneDirectionInsideEachFeature().evaluate(planted);

        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.startsWith("INTERNAL io.hearth.infra.planted.shop.internal.OrderRow depends on USE_CASE io.hearth.infra.planted.shop.Orders$Status"));
    }

    @Test
    void aModelTypeReachingIntoTheApiBreaksTheDirectionInsideTheFeature() {
        EvaluationResult result = rules.oneDirectionInsideEachFeature().evaluate(planted);

        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.startsWith("MODEL io.hearth.infra.planted.shop.Receipt depends on API io.hearth.infra.planted.shop.api.ReceiptController"));
    }

    @Test
    void aFeatureWhoseDependenciesGoDownPasses() {
        EvaluationResult result = rules.oneDirectionInsideEachFeature().evaluate(planted);

        assertThat(result.getFailureReport().getDetails()).noneMatch(line -> line.contains(".planted.tidy."));
    }

    @Test
    void theLayersAreReadFromPackageAndBeanness() {
        assertThat(rules.layerOf(planted.get("io.hearth.infra.planted.tidy.Basket"))).contains(FeatureRules.Layer.USE_CASE);
        assertThat(rules.layerOf(planted.get("io.hearth.infra.planted.tidy.BasketStatus"))).contains(FeatureRules.Layer.MODEL);
        assertThat(rules.layerOf(planted.get("io.hearth.infra.planted.shop.Orders$Status"))).contains(FeatureRules.Layer.USE_CASE);
        assertThat(rules.layerOf(planted.get("io.hearth.infra.planted.tidy.internal.BasketRow"))).contains(FeatureRules.Layer.INTERNAL);
        assertThat(rules.layerOf(planted.get("io.hearth.infra.planted.shop.api.ReceiptController"))).contains(FeatureRules.Layer.API);
    }
}
