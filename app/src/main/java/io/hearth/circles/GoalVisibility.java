package io.hearth.circles;

/** Who sees a man's goal: he alone, or his circle. */
public enum GoalVisibility { PRIVATE, CIRCLE }
