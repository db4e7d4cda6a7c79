package io.hearth.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTest {

    @Test
    void clusterIdsNeverLookLikeAnOptionToTheStorageTool() {
        for (int i = 0; i < 5000; i++) {
            assertThat(Kafka.clusterId()).hasSize(22).doesNotStartWith("-");
        }
    }
}
