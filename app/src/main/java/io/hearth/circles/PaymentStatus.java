package io.hearth.circles;

/** Whether a member is paid up for his circle, as the facilitator and the dues say. */
public enum PaymentStatus { CURRENT, PAST_DUE, EXEMPT, PAUSED }
