package io.hearth.architecture.planted;

import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Planted: a listener that works outside Tracing.consume (ConsumersAreTracedTest must refuse it). */
public class ListensUntraced {

    @Topic("hearth.circles")
    public void receive(ConsumerRecord<String, String> record) {
        record.value();
    }
}
