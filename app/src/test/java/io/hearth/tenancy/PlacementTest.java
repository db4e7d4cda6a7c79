package io.hearth.tenancy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacementTest {

    private static final List<String> CLUSTERS = List.of("main", "eu2", "eu3");

    @Test
    void aNewOrganisationGoesToTheClusterWithTheFewestSchemas() {
        assertThat(DatabaseClusters.placement(CLUSTERS, "main", null, Map.of("main", 40L, "eu2", 12L, "eu3", 30L))).isEqualTo("eu2");
    }

    @Test
    void aClusterThatHoldsNoneCountsAsZero() {
        assertThat(DatabaseClusters.placement(CLUSTERS, "main", null, Map.of("main", 1L, "eu2", 1L))).isEqualTo("eu3");
    }

    @Test
    void onATieHomeWins() {
        assertThat(DatabaseClusters.placement(CLUSTERS, "main", null, Map.of())).isEqualTo("main");
    }

    @Test
    void theClusterAnOperatorNamesWinsIfItExists() {
        assertThat(DatabaseClusters.placement(CLUSTERS, "main", "eu3", Map.of("eu3", 100L))).isEqualTo("eu3");
        assertThatThrownBy(() -> DatabaseClusters.placement(CLUSTERS, "main", "mars", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mars");
    }
}
