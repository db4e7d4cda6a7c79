package io.hearth.architecture;

import io.hearth.infra.FeatureRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rule FeatureBoundaries checks on each service ({@link FeatureRules#listenersWorkInsideTheirTrace}: every Kafka
 * listener works through {@code Tracing.consume}) is shown to fail on {@code planted.ListensUntraced}.
 */
class ConsumersAreTracedTest {

    @Test
    void aListenerThatWorksOutsideItsTraceIsRefused() {
        assertThatThrownBy(() -> FeatureRules.of("io.hearth", ImportedClasses.PLANTED).listenersWorkInsideTheirTrace().check(ImportedClasses.PLANTED))
                .hasMessageContaining("planted.ListensUntraced");
    }
}
