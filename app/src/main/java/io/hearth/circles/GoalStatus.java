package io.hearth.circles;

/** Where a goal stands. */
public enum GoalStatus { ACTIVE, ACHIEVED, DROPPED }
