package io.hearth.circles;

/** Why a membership ended. */
public enum LeaveReason { LEFT, MOVED, REMOVED }
