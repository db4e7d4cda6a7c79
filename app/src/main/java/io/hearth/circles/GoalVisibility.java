package io.hearth.circles;

import io.swagger.v3.oas.annotations.media.Schema;
/** Who sees a man's goal: he alone, or his circle. */
@Schema(name = "GoalVisibility")
public enum GoalVisibility { PRIVATE, CIRCLE }
