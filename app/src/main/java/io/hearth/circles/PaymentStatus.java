package io.hearth.circles;

import io.swagger.v3.oas.annotations.media.Schema;
/** Whether a member is paid up for his circle, as the facilitator and the dues say. */
@Schema(name = "PaymentStatus")
public enum PaymentStatus { CURRENT, PAST_DUE, EXEMPT, PAUSED }
