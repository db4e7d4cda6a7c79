package io.hearth.conversations.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The organisation's one row of conversation rules. */
@MappedEntity("conversation_rules")
public record RulesRow(@Id Boolean id, boolean memberWithCircle, boolean facilitatorWithMen, boolean facilitatorWithFacilitators,
                       boolean facilitatorWithLeadership, boolean supportAndAdminsWithAnyone, boolean anyoneWithAnyone,
                       boolean directReadReceipts, @Nullable Integer retentionDays) {
}
