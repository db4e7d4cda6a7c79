package io.hearth.circles;

import io.swagger.v3.oas.annotations.media.Schema;
/** Why a membership ended. */
@Schema(name = "LeaveReason")
public enum LeaveReason { LEFT, MOVED, REMOVED }
