package io.hearth.infra.planted.tidy;

/** The model: a top-level enum rows may use. */
public enum BasketStatus { OPEN, CHECKED_OUT }
