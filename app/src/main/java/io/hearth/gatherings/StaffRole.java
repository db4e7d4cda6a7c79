package io.hearth.gatherings;

/** What a man does on an event's staff. */
public enum StaffRole { LEAD, PTM, FACILITATOR, CARE_TEAM_LEAD, KITCHEN, CUSTOM }
