package io.hearth.circles;

import io.swagger.v3.oas.annotations.media.Schema;
/** Where a goal stands. */
@Schema(name = "GoalStatus")
public enum GoalStatus { ACTIVE, ACHIEVED, DROPPED }
