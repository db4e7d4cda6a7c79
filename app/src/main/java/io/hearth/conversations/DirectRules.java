package io.hearth.conversations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An organisation's rules for one-to-one conversations: who may start one with whom (each rule admits a pair in
 * either direction), whether one-to-ones show read receipts, and how long messages are kept.
 *
 * @param memberWithCircle            a member with the men of his circle and its facilitators
 * @param facilitatorWithMen          a facilitator with the men of the circles he runs
 * @param facilitatorWithFacilitators facilitators with each other
 * @param facilitatorWithLeadership   a facilitator with leadership
 * @param supportAndAdminsWithAnyone  support and admins with anyone
 * @param anyoneWithAnyone            everyone with everyone (off by default)
 * @param directReadReceipts          one-to-ones show when the other has read
 * @param retentionDays               messages older than this are erased; null keeps them (a circle may set its own)
 */
@Schema(name = "ConversationRules")
@Serdeable
public record DirectRules(boolean memberWithCircle, boolean facilitatorWithMen, boolean facilitatorWithFacilitators,
                          boolean facilitatorWithLeadership, boolean supportAndAdminsWithAnyone, boolean anyoneWithAnyone,
                          boolean directReadReceipts, @Nullable Integer retentionDays) {

    public static final DirectRules DEFAULTS = new DirectRules(true, true, true, true, true, false, false, null);
}
