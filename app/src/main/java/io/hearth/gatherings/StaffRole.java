package io.hearth.gatherings;

import io.swagger.v3.oas.annotations.media.Schema;
/** What a man does on an event's staff. */
@Schema(name = "StaffRole")
public enum StaffRole { LEAD, PTM, FACILITATOR, CARE_TEAM_LEAD, KITCHEN, CUSTOM }
